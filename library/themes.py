"""The themes every library starts with: the six recurring challenges (same slugs as
pbexchange.vocabulary.Challenge) and practice themes. Migration 0002 installs a frozen copy."""

SEED_THEMES = [
    ("unclear-fit", "Unclear whether PB is right for us", "Le BP est-il fait pour nous ?",
     "¿Es el PP adecuado para nosotros?", "O OP é adequado para nós?"),
    ("top-down-mandate", "Top-down mandate", "Mandat imposé d'en haut", "Mandato impuesto desde arriba",
     "Mandato imposto de cima"),
    ("limited-guidance", "Little relevant guidance", "Peu de ressources adaptées",
     "Poca orientación pertinente", "Poucas orientações relevantes"),
    ("stakeholder-coordination", "Heavy stakeholder coordination", "Coordination lourde des acteurs",
     "Coordinación exigente entre actores", "Coordenação exigente entre atores"),
    ("stalled-implementation", "Slow or stalled implementation", "Mise en œuvre lente ou bloquée",
     "Ejecución lenta o estancada", "Execução lenta ou parada"),
    ("limited-participation", "Limited participation or capture by a few",
     "Participation faible ou captée par quelques-uns", "Participación limitada o captada por unos pocos",
     "Participação limitada ou capturada por poucos"),
    ("outreach-marginalised-groups", "Outreach to marginalised groups",
     "Mobiliser les groupes marginalisés", "Llegar a los grupos marginados",
     "Mobilizar grupos marginalizados"),
    ("selecting-winning-projects", "Selecting winning projects", "Sélectionner les projets lauréats",
     "Seleccionar los proyectos ganadores", "Selecionar os projetos vencedores"),
    ("digital-participation", "Digital participation", "Participation numérique",
     "Participación digital", "Participação digital"),
    ("monitoring-and-evaluation", "Monitoring and evaluation", "Suivi et évaluation",
     "Seguimiento y evaluación", "Monitoramento e avaliação"),
]


def ensure_seed_themes():
    """Create any seed theme that is missing (staff edits to existing ones are kept)."""
    from library.models import Theme

    existing = set(Theme.objects.values_list("slug", flat=True))
    for slug, name, name_fr, name_es, name_pt in SEED_THEMES:
        if slug not in existing:
            Theme.objects.create(slug=slug, name=name, name_fr=name_fr, name_es=name_es,
                                 name_pt=name_pt)
