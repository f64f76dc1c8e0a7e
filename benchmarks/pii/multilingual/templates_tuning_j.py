"""Tenth tuning templates: full postal addresses as each country writes them (Brazil's `Rua X, 12 - Bairro, Cidade -
UF`), practices named after their doctors, midwives' practices, recommendations naming a doctor and a town; rules may
be written from their misses."""

TEMPLATES = {
    "fr": ("{street}, {city} – {phone}", "Cabinet du Dr {doctor}, {city}", "Je recommande la sage-femme {person} à {city}",
           "Suivie par {person} ({facility})", "{given} et {given}, parents comblés depuis le {date}",
           "Écho chez le Dr {doctor} ({city}) : au top"),
    "de": ("{street}, {city} – {phone}", "Praxis Dr. {doctor}, {city}", "Ich empfehle die Hebamme {person} in {city}",
           "Betreut von {person} ({facility})", "{given} und {given}, glückliche Eltern seit dem {date}",
           "Ultraschall bei Dr. {doctor} ({city}): top"),
    "es": ("{street}, {city} – {phone}", "Consulta del Dr. {doctor}, {city}", "Recomiendo a la matrona {person} en {city}",
           "Seguida por {person} ({facility})", "{given} y {given}, papás felices desde el {date}",
           "Eco con el Dr. {doctor} ({city}): genial"),
    "pt": ("{street} - Centro, {city} - SP", "Consultório da Dra. {doctor}, {city}", "Recomendo a doula {person} em {city}",
           "Acompanhada por {person} ({facility})", "{given} e {given}, pais babões desde {date}",
           "Ultrassom com o Dr. {doctor} ({city}): nota dez"),
    "it": ("{street}, {city} – {phone}", "Studio del Dott. {doctor}, {city}", "Consiglio l'ostetrica {person} a {city}",
           "Seguita da {person} ({facility})", "{given} e {given}, genitori felici dal {date}",
           "Ecografia dal Dott. {doctor} ({city}): top"),
}
FACILITIES = {
    "fr": ("Clinique {family}", "Hôpital de {city}"), "de": ("Hebammenpraxis {family}", "Frauenklinik {city}"),
    "es": ("Hospital de {city}", "Clínica {family}"), "pt": ("Hospital {family}", "Maternidade de {city}"),
    "it": ("Ospedale di {city}", "Clinica {family}"),
}
CLEAN = {
    "fr": ("Je recommande cette sage-femme", "Suivie depuis le début", "Parents comblés", "Écho au top, merci",
           "Cabinet fermé en août", "Adresse en message privé"),
    "de": ("Ich empfehle diese Hebamme", "Betreut seit Beginn", "Glückliche Eltern", "Ultraschall top, danke",
           "Praxis im August geschlossen", "Adresse per Nachricht"),
    "es": ("Recomiendo esta matrona", "Seguida desde el principio", "Papás felices", "Eco genial, gracias",
           "Consulta cerrada en agosto", "Dirección por privado"),
    "pt": ("Recomendo essa doula", "Acompanhada desde o início", "Pais babões", "Ultrassom nota dez, obrigada",
           "Consultório fechado em agosto", "Endereço no privado"),
    "it": ("Consiglio questa ostetrica", "Seguita dall'inizio", "Genitori felici", "Ecografia top, grazie",
           "Studio chiuso ad agosto", "Indirizzo in privato"),
}
