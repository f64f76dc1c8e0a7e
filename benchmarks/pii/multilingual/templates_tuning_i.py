"""Ninth tuning templates: dates in the other forms people write (CLDR's short form, a day and month alone, with the
weekday, ISO), phones after and before names, postcodes before towns in letterheads; rules may be written from their
misses."""

TEMPLATES = {
    "fr": ("Écho prévue {other_date} avec {given}", "RDV le {other_date} à {city}", "{given} : {phone}",
           "Naissance de {given} prévue pour {other_date}", "{facility}\n{street}\n{city}", "Appelle {given} au {phone} stp",
           "Prochaine écho : {other_date}"),
    "de": ("Ultraschall am {other_date} mit {given}", "Termin am {other_date} in {city}", "{given}: {phone}",
           "Geburt von {given} erwartet am {other_date}", "{facility}\n{street}\n{city}", "Ruf {given} unter {phone} an",
           "Nächster Ultraschall: {other_date}"),
    "es": ("Eco prevista el {other_date} con {given}", "Cita el {other_date} en {city}", "{given}: {phone}",
           "Nacimiento de {given} previsto para el {other_date}", "{facility}\n{street}\n{city}",
           "Llama a {given} al {phone} porfa", "Próxima eco: {other_date}"),
    "pt": ("Ultrassom marcado {other_date} com {given}", "Consulta em {other_date} em {city}", "{given}: {phone}",
           "Nascimento de {given} previsto para {other_date}", "{facility}\n{street}\n{city}",
           "Liga pra {given} no {phone} por favor", "Próximo ultrassom: {other_date}"),
    "it": ("Ecografia prevista il {other_date} con {given}", "Appuntamento il {other_date} a {city}", "{given}: {phone}",
           "Nascita di {given} prevista per il {other_date}", "{facility}\n{street}\n{city}",
           "Chiama {given} al {phone} per favore", "Prossima ecografia: {other_date}"),
}
FACILITIES = {
    "fr": ("Clinique {family}", "Maternité de {city}"), "de": ("Klinikum {city}", "Praxis {family}"),
    "es": ("Clínica {family}", "Hospital de {city}"), "pt": ("Clínica {family}", "Hospital de {city}"),
    "it": ("Clinica {family}", "Ospedale di {city}"),
}
CLEAN = {
    "fr": ("Écho prévue dans {d} jours", "RDV mardi prochain", "Prochaine écho : fin du mois", "Naissance prévue au printemps",
           "Appelle-moi stp", "Semaine {w} : {n} g"),
    "de": ("Ultraschall in {d} Tagen", "Termin nächsten Dienstag", "Nächster Ultraschall: Ende des Monats",
           "Geburt im Frühling erwartet", "Ruf mich bitte an", "Woche {w}: {n} g"),
    "es": ("Eco dentro de {d} días", "Cita el martes que viene", "Próxima eco: a final de mes", "Nacimiento previsto en primavera",
           "Llámame porfa", "Semana {w}: {n} g"),
    "pt": ("Ultrassom daqui a {d} dias", "Consulta na próxima terça", "Próximo ultrassom: no fim do mês",
           "Nascimento previsto para a primavera", "Me liga por favor", "Semana {w}: {n} g"),
    "it": ("Ecografia tra {d} giorni", "Appuntamento martedì prossimo", "Prossima ecografia: a fine mese",
           "Nascita prevista in primavera", "Chiamami per favore", "Settimana {w}: {n} g"),
}
