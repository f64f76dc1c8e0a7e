"""The OCR correction rules and line rebuilding, one test per documented rule."""

import pytest

from piu_filter.models.ocr.lines import build_text, group_lines
from piu_filter.models.ocr.date_rules import fix_date_separators, fix_month, fix_month_between
from piu_filter.models.ocr.facility_rules import fix_facility_word
from piu_filter.models.ocr.rules import fix_comma, fix_digits, fix_label, fix_name_letters, fix_place_case, fix_punctuation
from piu_filter.models.ocr.words import OcrWord, split_into_words
from piu_filter.models.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary()


def word(text, x0, y0=0, width=None, height=12, layout=None):
    width = width if width is not None else 8 * len(text)
    return OcrWord(text, (x0, y0, x0 + width, y0 + height), 0.9, text, layout)


@pytest.mark.parametrize("raw, fixed", [
    ("O1/O9/1996", "01/09/1996"),
    ("(555) 2I4-5678", "(555) 214-5678"),
    ("l4:3O", "14:30"),
    ("2B-S7", "28-57"),
    ("Sabela", "Sabela"),          # mostly letters: untouched
    ("36w3d", "36w3d"),
    ("OB", "OB"),                  # no digits: untouched
])
def test_rule1_digit_confusions_only_in_numeric_words(raw, fixed):
    assert fix_digits(raw) == fixed


def test_rule2_split_numbers_are_joined_with_their_boxes():
    text = build_text([word("DOB:", 0), word("08/", 40), word("13/2024", 70), word("(555)", 0, 30), word("234", 50, 30),
                       word("-5678", 80, 30)])
    assert text.text == "DOB: 08/13/2024\n(555) 234-5678"
    joined = text.words[1]
    assert joined.box == (40, 0, 126, 12)


def test_rule3_dotted_time_after_a_date():
    assert build_text([word("08/13/2024", 0), word("14.48", 90)]).text == "08/13/2024 14:48"
    assert build_text([word("MI", 0), word("14.48", 30)]).text == "MI 14.48"


@pytest.mark.parametrize("raw, fixed", [
    ("Narne:", "Name:"), ("Mane", "Name"), ("DOB;", "DOB:"), ("D0B:", "DOB:"), ("Pat1ent:", "Patient:"), ("Hospltal", "Hospital"), ("Dale", "Dale"), ("Sabela", "Sabela"),
    ("1D:", "ID:"), ("10:", "10:"), ("1D", "1D"), ("Ab:", "Ab:"), ("Exain", "Exam"), ("Kevin", "Kevin"), ("Robin", "Robin"),
])
def test_rule4_labels(raw, fixed):
    assert fix_label(raw, VOCABULARY.ocr_labels) == fixed


def test_rule4_applies_to_first_words_words_with_colons_and_words_after_labels():
    assert build_text([word("Mane", 0), word("QUIST", 40)]).text == "Name QUIST"
    assert build_text([word("Love", 0), word("Dale", 40)]).text == "Love Dale"
    assert build_text([word("Pt", 0), word("Namet", 24)]).text == "Pt Name"


def test_rule4_lets_one_letter_in_four_be_wrong_before_a_colon_or_starting_a_line_before_a_label():
    assert build_text([word("Exan", 0), word("Date", 40)]).text == "Exam Date"
    assert build_text([word("Barth", 0), word("Date:", 46)]).text == "Birth Date:"
    assert build_text([word("Soudy", 0), word("Date", 46)]).text == "Study Date"
    assert build_text([word("Tel", 0), word("Kate", 30), word("ID:", 70)]).text == "Tel Kate ID:"  # a name inside a line


def test_rule5_specks_dropped_and_punctuation_attached():
    assert build_text([word("Northgate", 0), word("$", 76, width=6), word("Clinic", 86)]).text == "Northgate Clinic"
    assert build_text([word("Love", 0), word(",", 34, width=4), word("Maren", 44)]).text == "Love, Maren"


def test_rule6_underscore_read_for_comma():
    assert fix_comma("QUIST_") == "QUIST,"
    assert fix_comma("12_") == "12_"


def test_lines_keep_label_and_value_together_and_split_columns():
    words = [word("Name:", 0), word("QUIST,", 48), word("IDRIS", 104), word("GA", 400), word("36w3d", 424),
             word("DOB:", 0, 20), word("01/09/1996", 40, 20)]
    assert [[w.text for w in line] for line in group_lines(words)] == [
        ["Name:", "QUIST,", "IDRIS"], ["GA", "36w3d"], ["DOB:", "01/09/1996"]]


def test_lines_survive_a_small_tilt():
    words = [word("Name:", 0, 10), word("MORROW,", 48, 6), word("LYSA", 120, 2), word("DOB:", 0, 30)]
    assert [[w.text for w in line] for line in group_lines(words)][0] == ["Name:", "MORROW,", "LYSA"]


def test_lines_follow_the_reading_orientation_not_the_original_columns():
    # a turned image: words of one line stand one above the other in original pixels
    first = OcrWord("Name:", (10, 200, 22, 250), 0.9, layout=(0, 0, 50, 12))
    second = OcrWord("QUIST", (10, 140, 22, 190), 0.9, layout=(60, 0, 110, 12))
    assert build_text([second, first]).text == "Name: QUIST"


def test_split_box_shares_width_by_characters_and_spans_map_back():
    parts = split_into_words("due 10/26/2024", (0, 0, 140, 20))
    assert [p[0] for p in parts] == ["due", "10/26/2024"]
    assert parts[0][1][2] <= parts[1][1][0]
    text = build_text([OcrWord(t, b, 0.9) for t, b in parts])
    start = text.text.index("10/26")
    assert [w.text for w in text.words_in(start, start + 10)] == ["10/26/2024"]


@pytest.mark.parametrize("raw, fixed", [
    ("0ct", "Oct"), ("N0V", "NOV"), ("Ju1", "Jul"), ("5ep", "Sep"), ("Au9", "Aug"), ("0ct.", "Oct."),
    ("Oct", "Oct"), ("A1", "A1"), ("2021", "2021"), ("C5-1", "C5-1"), ("0C7", "OCT"), ("25-0C7-2024", "25-OCT-2024"),
    ("03-N0V-20", "03-NOV-20"), ("12-345-2020", "12-345-2020"), ("10-12-2020", "10-12-2020"), ("25-0C7", "25-0C7"),
])
def test_rule7_month_names_read_with_digits(raw, fixed):
    assert fix_month(raw) == fixed


def test_rule7_applies_to_a_first_word_and_keeps_the_date_whole():
    assert build_text([word("0ct", 0), word("03", 40), word("2O21", 70)]).text == "Oct 03 2021"


@pytest.mark.parametrize("day, word, year, fixed", [
    ("4", "Fob", "2025", "Feb"), ("14", "FOB", "2025", "FEB"), ("4", "Mer", "2025", "Mar"), ("4", "Jan", "2025", "Jan"),
    ("4", "cm", "2025", "cm"), ("GA", "Fob", "2025", "Fob"), ("4", "Fob", "150", "Fob"),
    ("23", "Fb", "2025", "Feb"), ("24", "Ap", "2020", "Apr"), ("4", "Ma", "2025", "Ma"), ("4", "Ju", "2025", "Ju"),
    ("3", "an", "2019", "an"), ("31", "Jut", "2021", "Jun"), ("31", "Jut", "cm", "Jut"),
])
def test_rule7_a_month_one_letter_off_between_a_day_and_a_year(day, word, year, fixed):
    assert fix_month_between(day, word, year) == fixed


@pytest.mark.parametrize("raw, fixed", [
    ("04-18.23", "04-18-23"), ("18/122022", "18/12/2022"), ("3.111998", "3.11.1998"),
    ("04-18-23", "04-18-23"), ("10.5-12", "10.5-12"), ("31/132022", "31/132022"), ("45-18.23", "45-18.23"),
    ("555.0142", "555.0142"), ("2024.04-16", "2024.04-16"), ("2016/0131", "2016/01/31"), ("2016/1331", "2016/1331"),
    ("2016/0132", "2016/0132"), ("2025-51952", "2025-51952"),
    ("1207.2018", "12.07.2018"), ("1200.2018", "1200.2018"), ("1234.2018", "1234.2018"),  # the first one lost
])
def test_rule19_a_date_with_a_separator_misread_or_lost(raw, fixed):
    assert fix_date_separators(raw) == fixed


def test_rule19_applies_to_a_line_so_that_the_date_is_read_whole():
    assert build_text([word("Patient", 0), word("Ruth", 64), word("18/122022", 110)]).text == "Patient Ruth 18/12/2022"


def test_rule4_a_two_letter_label_read_with_a_digit_is_not_joined_to_its_value():
    assert build_text([word("Study", 0), word("1D:", 48), word("201139-55", 76)]).text == "Study ID: 201139-55"
    assert build_text([word("Patient", 0), word("1D", 64), word("20240128-4277", 84)]).text == "Patient ID 20240128-4277"
    assert build_text([word("GA", 0), word("1D", 24)]).text == "GA 1D"


def test_rule7_a_month_one_letter_off_before_a_day_and_a_year():
    assert build_text([word("due", 0), word("Hay", 30), word("09", 60), word("2024", 80)]).text == "due May 09 2024"
    assert build_text([word("Hay", 0), word("09", 30), word("bales", 50)]).text == "Hay 09 bales"


def test_rule7_applies_inside_a_line():
    assert build_text([word("Exam", 0), word("4", 40), word("Fob", 56), word("2025", 90)]).text == "Exam 4 Feb 2025"


@pytest.mark.parametrize("raw, fixed", [
    ("J0HNSON", "JOHNSON"), ("D0BS0N", "DOBSON"), ("US202406099849", "US202406099849"), ("C5-1", "C5-1"), ("Gain", "Gain"),
    ("5ara", "Sara"), ("Hanyis0n", "Hanyison"), ("8ella", "Bella"), ("Jan5", "Jan5"), ("Term1", "Term1"),
    ("36w6", "36w6"), ("5cm", "5cm"), ("M10.9", "M10.9"), ("T1s0", "T1s0"),
])
def test_rule8_digits_read_for_letters_in_names(raw, fixed):
    assert fix_name_letters(raw) == fixed


@pytest.mark.parametrize("raw, fixed", [("[F】", "[F]"), ("，", ","), ("JuL", "Jul"), ("JUL", "JUL"), ("Julia", "Julia")])
def test_rule9_wide_punctuation_and_mixed_case_months(raw, fixed):
    assert fix_punctuation(raw) == fixed


def test_rule9_a_date_run_into_a_time_is_split_with_its_box():
    text = build_text([word("03/31/202410:25", 0, width=150)])
    assert text.text == "03/31/2024 10:25" and text.words[0].box[2] < text.words[1].box[0] <= 150


@pytest.mark.parametrize("previous, raw, fixed", [
    ("Neil", "lmaging", "Imaging"), ("Christopher", "clinic", "Clinic"), ("AMANDABERG", "ctr", "ctr"),
    ("KEARNEY", "HOSPlTAL", "HOSPITAL"), ("the", "clinic", "clinic"),
    ("Codymouth", "Raiology", "Radiology"), ("KURNOOL", "UTRASOUND", "ULTRASOUND"), ("Kakinada", "Maternty", "Maternity"),
    ("Just", "Imagine", "Imagine"), ("Happy", "Healthy", "Healthy"), ("the", "Raiology", "Raiology"),
    ("Cartella", "clinica", "clinica"), ("Cartella", "Clinica", "Clinica"),  # Italian, not a misread
    ("Reglonal", "Hospltal,", "Hospital,"), ("Obstetric", "tmaging.", "Imaging."), ("Happy", "Healthy,", "Healthy,"),
    ("Neil", ",", ","),
    ("Edwardsmouth", "Hespltal", "Hospital"), ("Vule", "Asoclates", "Associates"),  # l for i and one letter off
    ("women's", "Hespltal", "Hespltal"), ("Lake", "Hospice", "Hospice"), ("Big", "Hotel", "Hotel"),
])
def test_rule10_facility_words_restored_after_a_capitalised_word(previous, raw, fixed):
    assert fix_facility_word(previous, raw, VOCABULARY.facility_words) == fixed


def test_rule10_st_before_a_capitalised_word():
    assert build_text([word("st.", 0), word("Kenneth", 30), word("Imaging", 90)]).text == "St. Kenneth Imaging"


@pytest.mark.parametrize("raw, fixed", [
    ("008:03-15-86", "DOB: 03-15-86"), ("0ote:04-11-21", "Date: 04-11-21"), ("DOB:12/30/2002", "DOB: 12/30/2002"),
    ("ID:12345", "ID: 12345"), ("12:30", "12:30"), ("14:41:05", "14:41:05"), ("2024:01", "2024:01"),
    ("Frame:12", "Frame:12"), ("10:25", "10:25"), ("100:25", "100:25"),
])
def test_rule12_a_label_glued_to_its_value_is_split(raw, fixed):
    assert build_text([word(raw, 0, width=120)]).text == fixed


def test_rule12_a_label_read_as_digits_is_split_from_the_date_it_was_joined_to():
    assert build_text([word("008:", 0), word("03-15-86", 40)]).text == "DOB: 03-15-86"


def test_rule12_the_value_keeps_its_own_box():
    text = build_text([word("008:03-15-86", 0, width=120)])
    label, value = text.words
    assert label.box[0] == 0 and label.box[2] <= value.box[0] and value.box[2] == 120


def test_rule13_a_facility_word_read_as_two_words_becomes_one_with_both_boxes():
    text = build_text([word("Women's", 0), word("Heal", 60), word("th", 94), word("SAMBHAL", 116)])
    assert text.text == "Women's Health SAMBHAL" and text.words[1].box[0] == 60 and text.words[1].box[2] == 110
    assert build_text([word("Heal", 0), word("thy", 34)]).text == "Heal thy"
    assert build_text([word("heal", 0), word("th", 34)]).text == "heal th"


@pytest.mark.parametrize("previous, raw, fixed", [
    ("Lake", "willianstad,", "Willianstad,"), ("Lake", "willianstad", "willianstad"), ("Lake", "shore,", "shore,"),
    ("the", "willianstad,", "willianstad,"), ("Lake", "wil,", "wil,"),
])
def test_rule14_a_lower_case_unknown_word_before_a_comma_after_a_capitalised_word(previous, raw, fixed):
    assert fix_place_case(previous, raw) == fixed


@pytest.mark.parametrize("words, fixed", [
    (["VALENZUELA", "HOSR."], "VALENZUELA HOSP."), (["RAEBARELI", "ED", "CTR"], "RAEBARELI MED CTR"),
    (["LAKE", "TONYA", "HED", "CTR"], "LAKE TONYA MED CTR"), (["GA", "MEN"], "GA MEN"), (["Kind", "HOSR"], "Kind HOSR"),
    (["DEPTH", "CM"], "DEPTH CM"),
])
def test_rule15_facility_abbreviations_one_letter_off(words, fixed):
    starts = [sum(8 * len(text) + 8 for text in words[:i]) for i in range(len(words))]
    assert build_text([word(text, x) for text, x in zip(words, starts)]).text == fixed


def test_rule10_misread_facility_words_after_a_saint_read_in_lower_case():
    words = [word("Exam", 0), word("St.", 40), word("jose", 66), word("Medcal", 100), word("Certer", 156), word("Cinic", 210)]
    assert build_text(words).text == "Exam St. Jose Medical Center Clinic"
    assert build_text([word("St.", 0), word("Logan", 30), word("Matemity", 80)]).text == "St. Logan Maternity"


@pytest.mark.parametrize("words, fixed", [
    (["[F]", "07.11,2002"], "[F] 07.11.2002"), (["31,10.1997"], "31.10.1997"), (["12.11,", "1991"], "12.11.1991"),
    (["1,5"], "1,5"), (["12.11,", "GA"], "12.11, GA"), (["2021.07,06"], "2021.07.06"), (["2021,5"], "2021,5"),
])
def test_rule16_a_dotted_date_read_with_a_comma(words, fixed):
    starts = [sum(8 * len(text) + 8 for text in words[:i]) for i in range(len(words))]
    assert build_text([word(text, x) for text, x in zip(words, starts)]).text == fixed


def test_rule17_a_day_and_year_run_together_after_a_month():
    text = build_text([word("Dec", 0), word("19202008:40", 32, width=110)])
    day, year, time = text.words[1:]
    assert text.text == "Dec 19 2020 08:40" and 32 == day.box[0] < day.box[2] <= year.box[0] < year.box[2] <= time.box[0]
    assert build_text([word("Frame", 0), word("19202008:40", 50, width=110)]).text == "Frame 19202008:40"


def test_rule11_specks_and_the_scan_read_as_a_mark_do_not_break_a_line():
    words = [word("St.", 0, 100), word("-", 30, 0, width=400, height=300), word("Charles", 40, 100), word("Clinic", 110, 100),
             word("Pt", 0, 140), word("Name:", 20, 140)]
    assert build_text(words).text == "St. Charles Clinic\nPt Name:"


def test_rule18_a_day_read_with_a_letter_before_a_month():
    for read, day in (("o7", "07"), ("0g", "09")):
        line = [word("Coming", 0), word(read, 60), word("Sep", 84), word("2023", 114)]
        assert build_text(line).text == f"Coming {day} Sep 2023"
    assert build_text([word("to", 0), word("Sep", 24)]).text == "to Sep"  # no digit in it
    assert build_text([word("4g", 0), word("May", 24)]).text == "4g May"  # 49 is no day
    assert build_text([word("o7", 0), word("Step", 24)]).text == "o7 Step"  # no month after it
