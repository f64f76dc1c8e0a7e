"""Words that are never private: ultrasound terms, screen labels, probe names, values with units, and
the common words of web captions about scans (a name or place made of them is a false alarm)."""

from __future__ import annotations

import re
from functools import lru_cache

TECHNICAL_WORDS = {
    "GA", "EDD", "EDC", "LMP", "MI", "TIs", "TIb", "TIc", "Tls", "Tlb", "Tlc", "BPD", "FL", "HC", "AC", "CRL", "FHR", "HR", "AFI", "EFW",
    "GS", "YS", "NT", "OFD", "HL", "TCD", "bpm", "BPM", "cm", "mm", "Hz", "MHz", "kHz", "dB", "Gn", "Gain", "Depth",
    "Freq", "FR", "DR", "PRF", "WF", "OB", "GYN", "OB/GYN", "TV", "TA", "2D", "3D", "4D", "CW", "PW", "CFM", "CF",
    "PD", "THI", "Res", "Pwr", "AO", "Zoom", "Focus", "Frq", "Gen", "Pen", "Harm", "Obstetric", "Fetal", "Fetus",
    "MSK", "MSCSKEL", "OBGEN", "ABDGEN", "Abd", "Cine", "Frz", "PSV", "EDV", "RI", "PI", "S/D", "CRI", "SRI", "Vol",
    "Off", "On", "Auto", "Dist", "Area", "Trace", "Vmax", "UA", "MCA", "DV", "US", "Mode", "Map", "Tint", "Chroma",
    "Render", "Silhouette", "Harmonic", "Tissue", "Compound",
}
_TECHNICAL_PATTERNS = [
    re.compile(r"^\d{1,2}w\d{1,2}d$", re.I),                        # gestational age 12w3d
    re.compile(r"^[CLPEV]{1,2}\d{1,2}-\d{1,2}[A-Za-z]{0,3}$"),       # probe names C5-1, L12-5, EC9-4
    re.compile(r"^\d+(?:[.,]\d+)?(?:cm|mm|Hz|MHz|kHz|dB|%|bpm|fps|g|kg|wk|wks|w|d|cm/s|cm2|ml)$", re.I),  # values with units
    re.compile(r"^[A-Z]{1,4}=\d+(?:\.\d+)?%?$"),                    # settings AO=100%
    re.compile(r"^(?:OB|ABD|GYN)[A-Z0-9]{1,6}$"),                   # presets OB1TRI, ABDGEN
]
_TECHNICAL_UPPER = {word.upper() for word in TECHNICAL_WORDS} | {
    "NAME", "DOB", "D.O.B", "MRN", "ID", "PATIENT", "PT", "DATE", "TEL", "PHONE", "EXAM", "AGE", "SEX", "DR",
    "BIRTH", "STUDY", "REF", "REFERRING", "PERFORMING", "PHYSICIAN", "SONOGRAPHER", "OPERATOR", "INSTITUTION",
    "DEPARTMENT", "FACILITY", "GENDER", "WEIGHT", "HEIGHT", "COMMENTS", "DESCRIPTION", "ACC", "ACCESSION",
}
_SHORT_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d+)?$")  # read-outs such as 0.6, 150, 12.5

# Capitalised words of captions and cards that are not names: scans, pregnancy, products, photo sites, makers.
CAPTION_WORDS = {word.lower() for word in """
    Ultrasound Ultrasounds Sonogram Sonograms Scan Scans Sonography Doppler Echo Echocardiography Obstetrics
    Obstetrical Gynecology Gynaecology Maternal Medicine Radiology Imaging Image Images Photo Photos Picture
    Pictures Print Prints Baby Babies Boy Girl Twins Twin Triplets Pregnancy Pregnant Bump Mom Mommy Mum Dad Daddy
    Mama Papa Parents Sister Brother Grandma Grandpa Newborn Infant Fetus Embryo Womb Uterus Placenta Cord Heartbeat
    Gender Reveal Shower Announcement Announcing Invitation Template Frame Ornament Keepsake Necklace Decor Nursery
    Card Cards Gift Sign Shirt Mug Wall Art Printable Poster Sticker Mockup Clipart Vector Illustration Stock Free
    Download Week Weeks Trimester First Second Third Early Late Anatomy Dating Nuchal Elective Private Sneak Peek
    Hello World Coming Soon Loading Congratulations Welcome Love Little One Pink Blue Christmas Halloween Easter
    Valentine Thanksgiving Mother Father Day Getty Shutterstock Alamy iStock Dreamstime Pinterest Etsy Amazon
    Walmart Instagram Facebook Wikimedia Commons Flickr Unsplash Pixabay Canon Nikon Sony Fujifilm Olympus Panasonic
    Leica Pentax iPhone Pixel GoPro Samsung Medison Voluson Logiq Vivid Philips Epiq Affiniti Mindray Acuson Sequoia
    Siemens Toshiba Aplio Hitachi Aloka Esaote SonoScape Chison Sonosite Butterfly Clarius Machine Probe Transducer
    Gel Report Figure Fig Table Case Edition Ever Best Happy Cute Sweet Big Our My Your IV III II Model Series Pro
    Plus Mini Ultra Transvaginal Transabdominal Abdominal Pelvic Renal Thyroid Breast Cardiac Vascular Kidney Liver
    Heart Brain Spine Lymph Node Nodule Cyst Tumor Stones Normal Abnormal Grade Stage View Sagittal Axial Coronal
    Transverse Section Buy Shop Sale Order Get Gifts Personalised Personalized Custom Handmade Wooden Portable
    Wireless Digital Vintage Book Books Album Memory Milestone Blocks Block Keychain Pillow Blanket Bottle Monitor
    Kit Pack Box Bag Toy Toys Bib Onesie Bodysuit Pendant Bracelet Charm Jewelry Canvas Photography Stamp Magnet
    Puzzle Cookie Cake Topper Lamp Light Cream Vitamins Dress Leggings Pants Top Guide Tips School Schools Job
    Description Course Training Career Salary Review Sample Lecture Slides Utero Vitro Color Colour English Spanish
    French HD Full Size Set Style Season Collection Musculoskeletal Neonatal Prenatal Antenatal Perinatal Postnatal
    Paediatric Pediatric Mr Mrs Ms Email E-mail Contact Call Visit Follow Subscribe Share Credit Courtesy Food
    Organic Shampoo Lotion Wipes Diapers Nappies Stroller Pram Seat Crib Cot Swaddle Formula Graco Chicco Pampers
    Huggies Avent Tommee Tippee Medela Britax Evenflo Hallmark Mothercare Clearblue NoseFrida Nordstrom Adidas Nike
    Disney Sesame Peppa Elmo Barbie Lego Year Years Eve
""".split()}


def is_technical_term(word: str) -> bool:
    """Whether a word is an ultrasound term, screen label, probe name or value with a unit (never
    private, never covered when it stands beside a private word). Case is ignored."""
    stripped = word.strip(" ,;:()[]")
    return (not stripped or stripped.upper() in _TECHNICAL_UPPER
            or any(p.match(stripped) for p in _TECHNICAL_PATTERNS))


def is_technical(word: str) -> bool:
    """A technical term, or a short number read out on its own (0.6, 150): an entity made only
    of such words is not private."""
    return is_technical_term(word) or bool(_SHORT_NUMBER.match(word.strip(" ,;:()[]")))


def is_common_word(word: str) -> bool:
    """A technical term or a common caption word (Baby, Ultrasound, Template, Canon): never part of a name."""
    stripped = word.strip(" ,;:()[]!?.'\"").removesuffix("'s").removesuffix("’s")
    return is_technical_term(stripped) or stripped.lower() in CAPTION_WORDS


@lru_cache(maxsize=1)
def _word_frequency():
    from spellchecker import SpellChecker

    return SpellChecker(distance=1).word_frequency


def dictionary_count(word: str) -> int:
    """How often a word occurs in the corpus behind pyspellchecker's bundled English dictionary (0: unknown)."""
    return _word_frequency()[word.lower()]
