"""Three layouts whose words are a language's: an ultrasound screen (facility, name, birth date, record number,
read-outs), a keepsake card (a dedication to a given name, a saying, a date in words, the facility and town) and a
printed report (facility, street, phone, town, exam date). Each part of the benchmark words them its own way
(WORDING); the values come from `captions.Values` (Faker's locales)."""

from __future__ import annotations

import random

from captions import Values
from ink import PILLOW, Sheet, faces
from screens import readouts
from sector import sector

def accented_faces(*wanted: str) -> list[str]:
    """The wanted DejaVu faces that are installed: Pillow's own font has no accented letters (`í`, `ñ`, `ß`)."""
    found = [face for face in faces(*wanted) if face != PILLOW]
    if not found:
        raise SystemExit("the languages split needs DejaVu fonts (fc-list finds none): Pillow's font has no accents")
    return found


PASTELS = ((252, 228, 236), (225, 240, 252), (236, 248, 230), (255, 244, 214))
# per part and language: name, birth date, record number, phone, exam date labels; a dedication; sayings; exam titles
WORDING = {
    "tuning": {
        "fr": {"name": "Nom :", "birth": "Né(e) le", "record": "N° dossier", "phone": "Tél.", "exam": "Examen du",
               "to": "Pour", "sayings": ("Notre petit miracle", "Bientôt parmi nous"), "title": "Échographie obstétricale"},
        "de": {"name": "Name:", "birth": "Geb.-Datum:", "record": "Patienten-ID:", "phone": "Tel.", "exam": "Untersuchung am",
               "to": "Für", "sayings": ("Unser kleines Wunder", "Bald sind wir drei"), "title": "Geburtshilfe"},
        "es": {"name": "Nombre:", "birth": "Fecha de nac.:", "record": "Historia clínica", "phone": "Tel.", "exam": "Fecha de examen",
               "to": "Para", "sayings": ("Nuestro pequeño milagro", "Muy pronto"), "title": "Ecografía obstétrica"},
        "pt": {"name": "Nome:", "birth": "Data de nasc.:", "record": "Prontuário", "phone": "Tel.", "exam": "Exame em",
               "to": "Para", "sayings": ("Nosso pequeno milagre", "Chegando em breve"), "title": "Ultrassom obstétrico"},
        "it": {"name": "Nome:", "birth": "Data di nascita:", "record": "Cartella clinica", "phone": "Tel.", "exam": "Esame del",
               "to": "Per", "sayings": ("Il nostro piccolo miracolo", "In arrivo"), "title": "Ecografia ostetrica"},
    },
    "tuning_b": {
        "fr": {"name": "Nom de naissance :", "birth": "DDN :", "record": "IPP :", "phone": "Tél. :",
               "exam": "Examen réalisé le", "to": "Coucou", "sayings": ("Déjà si grand", "On t'attend avec impatience"),
               "title": "Échographie de datation"},
        "de": {"name": "Patientenname:", "birth": "Geburtsdatum:", "record": "Pat.-Nr.:", "phone": "Telefon:",
               "exam": "Untersucht am", "to": "Hallo", "sayings": ("Wir freuen uns auf dich", "Mamas und Papas Glück"),
               "title": "Ersttrimester-Screening"},
        "es": {"name": "Nombre y apellidos:", "birth": "F. nacimiento:", "record": "NHC:", "phone": "Tfno.:",
               "exam": "Fecha del estudio:", "to": "Hola", "sayings": ("Ya falta poco", "Nuestro mayor tesoro"),
               "title": "Ecografía de las 20 semanas"},
        "pt": {"name": "Nome da paciente:", "birth": "Nascimento:", "record": "Registro:", "phone": "Fone:",
               "exam": "Realizado em", "to": "Oi", "sayings": ("Já te amamos", "Nosso presente de Deus"),
               "title": "Ultrassonografia obstétrica"},
        "it": {"name": "Cognome e nome:", "birth": "Data nascita:", "record": "ID paziente:", "phone": "Tel:",
               "exam": "Eseguito il", "to": "Ciao", "sayings": ("Già ti amiamo", "Il nostro tesoro"),
               "title": "Ecografia del primo trimestre"},
    },
    "tuning_c": {
        "fr": {"name": "Nom prénom :", "birth": "Date naiss. :", "record": "ID :", "phone": "Tél", "exam": "Le",
               "to": "À", "sayings": ("Bienvenue petit cœur", "Ma plus belle aventure"), "title": "OB T1"},
        "de": {"name": "Nachname, Vorname:", "birth": "Geb.:", "record": "ID-Nr.:", "phone": "Tel.:",
               "exam": "Datum der Untersuchung:", "to": "An", "sayings": ("Herzlich willkommen", "Du bist unser Sonnenschein"),
               "title": "Gyn. Ultraschall"},
        "es": {"name": "Apellidos:", "birth": "F. Nac.:", "record": "ID:", "phone": "Tel:", "exam": "Fecha exploración:",
               "to": "A", "sayings": ("Bienvenido al mundo", "Eres nuestro sol"), "title": "Obstetricia 2º trim."},
        "pt": {"name": "Nome completo:", "birth": "DN:", "record": "ID:", "phone": "Cel.:", "exam": "Data do exame:",
               "to": "Bem-vindo", "sayings": ("Você é nosso sol", "Amor que não cabe no peito"), "title": "Obstetrícia"},
        "it": {"name": "Nominativo:", "birth": "Data di n.:", "record": "ID:", "phone": "Cell.", "exam": "Data esame:",
               "to": "A", "sayings": ("Benvenuto al mondo", "Sei il nostro sole"), "title": "Ostetricia II trim."},
    },
    "heldout": {
        "fr": {"name": "Patiente :", "birth": "Date de naissance :", "record": "N° patient :", "phone": "Téléphone",
               "exam": "Date d'examen :", "to": "Bienvenue à", "sayings": ("Le plus beau des cadeaux", "Coucou les parents"),
               "title": "Écho obstétrique T2"},
        "de": {"name": "Patientin:", "birth": "geb.", "record": "Fallnummer:", "phone": "Telefon", "exam": "Datum:",
               "to": "Willkommen", "sayings": ("Hallo Mama und Papa", "Unser größtes Glück"), "title": "Feindiagnostik"},
        "es": {"name": "Paciente:", "birth": "Fecha de nacimiento:", "record": "Nº de historia:", "phone": "Teléfono",
               "exam": "Fecha:", "to": "Bienvenida", "sayings": ("Hola papás", "Te esperamos con amor"), "title": "Eco morfológica"},
        "pt": {"name": "Paciente:", "birth": "Data de nascimento:", "record": "Prontuário nº", "phone": "Telefone",
               "exam": "Data:", "to": "Parabéns", "sayings": ("Oi mamãe e papai", "Te esperamos com amor"), "title": "USG morfológico"},
        "it": {"name": "Paziente:", "birth": "Nata il", "record": "Codice paziente:", "phone": "Telefono", "exam": "Data:",
               "to": "Benvenuta", "sayings": ("Ciao mamma e papà", "Ti aspettiamo"), "title": "Ecografia morfologica"},
    },
}


def screen(values: Values | None, words: dict, rng: random.Random) -> Sheet:
    """A black screen: facility, name, birth date and record number on top, read-outs down the right; with no
    values, the labels, title and read-outs alone (a PII-free screen)."""
    width, height = rng.choice([(800, 600), (1024, 768), (1280, 960)])
    sheet = Sheet.blank((width, height), (0, 0, 0))
    sheet.paste(sector((int(width * 0.62), int(height * 0.66)), rng), (int(width * 0.1), int(height * 0.26)))
    face = rng.choice(accented_faces("sans", "sans-condensed", "mono"))
    size, white, gap = max(14, height // 36), (235, 235, 235), max(18, height // 30)
    lines = [[(values.draw("facility"), "MEDICAL_FACILITY")] if values else [(words["title"], None)],
             [(words["name"], None), *([(values.draw("person"), "PERSON")] if values else [])],
             [(words["birth"], None), *([(values.draw("numeric_date"), "DATE_TIME")] if values else [])],
             [(words["record"], None), *([(str(rng.randint(100_000, 9_999_999)), "PATIENT_ID")] if values else [])]]
    for row, parts in enumerate(lines):
        sheet.write((12, 10 + row * gap), parts, face, size, white)
    sheet.write((width - 12, 10), [(words["title"], None)], face, size, white, align="right")
    for row, value in enumerate(readouts(rng)):
        sheet.write((width - 12, height * 0.3 + row * gap), [(value, "tech")], face, size, white, align="right")
    return sheet


def card(values: Values, words: dict, rng: random.Random) -> Sheet:
    """A pastel card: the dedication and a given name, a saying, the scan, the date in words, facility and town."""
    width = rng.choice([600, 800, 1000])
    height = int(width * 1.3)
    sheet = Sheet.blank((width, height), rng.choice(PASTELS))
    scan = sector((int(width * 0.7), int(width * 0.5)), rng)
    top = int(height * 0.28)
    sheet.paste(scan, (int(width * 0.15), top))
    face = rng.choice(accented_faces("serif-bold", "sans-bold", "serif"))
    ink, big = rng.choice([(120, 60, 90), (40, 70, 120), (60, 60, 60)]), width // 12
    dedication = [(words["to"], None), (values.draw("given"), "PERSON")]
    sheet.write((width / 2, height * 0.05), dedication, face, sheet.fit(dedication, face, big, width * 0.9), ink, align="centre")
    sheet.write((width / 2, height * 0.05 + big * 1.5), [(rng.choice(words["sayings"]), None)], face, big // 2, ink, align="centre")
    below = top + scan.height + big // 2
    date = [(values.draw("date"), "DATE_TIME")]
    sheet.write((width / 2, below), date, face, sheet.fit(date, face, int(big * 0.7), width * 0.9), ink, align="centre")
    place = [(values.draw("facility"), "MEDICAL_FACILITY"), ("-", None), (values.draw("city"), "LOCATION")]
    sheet.write((width / 2, below + big * 1.2), place, face, sheet.fit(place, face, big // 2, width * 0.9), ink, align="centre")
    return sheet


def report(values: Values, words: dict, rng: random.Random) -> Sheet:
    """A printed report header: facility, street, town and phone, then the exam date and the scan."""
    width = rng.choice([900, 1200, 1600])
    height = int(width * 1.1)
    sheet = Sheet.blank((width, height), (250, 250, 246))
    face = rng.choice(accented_faces("serif", "sans", "sans-condensed"))
    ink, size = (25, 25, 25), width // 40
    gap = int(size * 1.6)
    lines = [[(values.draw("facility"), "MEDICAL_FACILITY")], [(values.draw("street"), "LOCATION")],
             [(values.draw("city"), "LOCATION")], [(words["phone"], None), (values.draw("phone"), "PHONE_NUMBER")],
             [(words["exam"], None), (values.draw("numeric_date"), "DATE_TIME")]]
    for row, parts in enumerate(lines):
        sheet.write((width * 0.06, height * 0.04 + row * gap), parts, face, size, ink)
    sheet.paste(sector((int(width * 0.6), int(width * 0.45)), rng), (int(width * 0.2), int(height * 0.04 + 6 * gap)))
    return sheet


LAYOUTS = {"screen": ("screen", screen), "card": ("card", card), "report": ("print", report)}
