"""Eleventh tuning templates: facilities in many of their real shapes (saints, religious orders, abbreviated kinds,
compounds, a doctor's or a founder's name, a district after the town) and the prepositions and articles before
them; rules may be written from their misses."""

TEMPLATES = {
    "fr": ("Accouchement prévu à la {facility}", "Née à la {facility} le {date}", "RDV au {facility} pour l'écho T3",
           "{facility} : service maternité, 2e étage", "Écho de datation chez {facility}", "Transférée au {facility} ce matin"),
    "de": ("Entbindung geplant im {facility}", "Geboren im {facility} am {date}", "Termin im {facility} zum 3. Screening",
           "{facility}: Kreißsaal, 2. Stock", "Frühultraschall bei {facility}", "Heute früh ins {facility} verlegt"),
    "es": ("Parto previsto en el {facility}", "Nació en el {facility} el {date}", "Cita en el {facility} para la eco del tercer trimestre",
           "{facility}: maternidad, 2.ª planta", "Eco de datación en {facility}", "Trasladada al {facility} esta mañana"),
    "pt": ("Parto previsto no {facility}", "Nasceu no {facility} em {date}", "Consulta no {facility} para o ultrassom do terceiro trimestre",
           "{facility}: maternidade, 2º andar", "Ultrassom de datação na {facility}", "Transferida para o {facility} hoje cedo"),
    "it": ("Parto previsto all'{facility}", "Nata all'{facility} il {date}", "Appuntamento all'{facility} per l'ecografia del terzo trimestre",
           "{facility}: ostetricia, 2° piano", "Ecografia di datazione presso {facility}", "Trasferita all'{facility} stamattina"),
}
FACILITIES = {
    "fr": ("Polyclinique du {family}", "Maternité Sainte-{given}", "Centre Hospitalier Régional Universitaire de {city}",
           "Institut Mutualiste {family}", "Hôpital Mère-Enfant de {city}", "Clinique de la {family}"),
    "de": ("St.-{given}-Hospital {city}", "Krankenhaus der Barmherzigen Brüder {city}", "Diakonissenkrankenhaus {city}",
           "Ev. Krankenhaus {city}", "{family}-Klinik {city}", "Klinikum {city}-Nord"),
    "es": ("Hospital Universitario {family}", "Hospital Virgen de la {given}", "Hospital General Universitario de {city}",
           "Clínica Dr. {family}", "Hospital Materno-Infantil {family}", "Centro de Salud {city} Norte"),
    "pt": ("Hospital Israelita {family}", "Hospital e Maternidade Santa {given}", "Maternidade-Escola {family}",
           "Hospital Dr. {family}", "Hospital Estadual de {city}", "Clínica da Mulher {family}"),
    "it": ("Ospedale Maggiore Policlinico di {city}", "Presidio Ospedaliero {family}", "Ospedale {given} {family}",
           "Clinica Ostetrica {family}", "Ospedale dei Bambini {family}", "Istituto Ortopedico {family}"),
}
CLEAN = {
    "fr": ("Accouchement prévu en mars", "Née un dimanche matin", "RDV pour l'écho T3 demain", "Service maternité au top",
           "Écho de datation faite", "Transférée en néonat par précaution"),
    "de": ("Entbindung im März geplant", "An einem Sonntagmorgen geboren", "Termin zum 3. Screening morgen", "Kreißsaal war super",
           "Frühultraschall erledigt", "Zur Sicherheit auf die Neo verlegt"),
    "es": ("Parto previsto en marzo", "Nació un domingo por la mañana", "Cita para la eco del tercer trimestre mañana",
           "Maternidad genial", "Eco de datación hecha", "Trasladada a neonatos por precaución"),
    "pt": ("Parto previsto para março", "Nasceu num domingo de manhã", "Ultrassom do terceiro trimestre amanhã",
           "Maternidade nota dez", "Ultrassom de datação feito", "Transferida para a UTI neonatal por precaução"),
    "it": ("Parto previsto a marzo", "Nata una domenica mattina", "Ecografia del terzo trimestre domani", "Reparto di ostetricia top",
           "Ecografia di datazione fatta", "Trasferita in TIN per precauzione"),
}
