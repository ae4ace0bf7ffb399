"""Seed the themes: the six recurring challenges (same slugs as vocabulary.Challenge) and practice themes."""

from django.db import migrations

THEMES = [
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


def seed(apps, schema_editor):
    Theme = apps.get_model("library", "Theme")
    for slug, name, name_fr, name_es, name_pt in THEMES:
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_fr": name_fr, "name_es": name_es, "name_pt": name_pt}
        )


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
