"""Demo FAQ entries for the bot, in our own words (idempotent)."""

from bot.models import FAQEntry

FAQ = [
    {
        "question": "How do we reach residents who usually stay away from PB?",
        "keywords": "marginalised, marginalized, reach, outreach, excluded, underrepresented, "
                    "hard to reach, participation",
        "answer": "Go where people already meet instead of asking them to come to you: markets, "
                  "schools, places of worship, bus stops. Work with trusted local organisations, "
                  "translate materials, hold events at times that suit shift workers and carers, "
                  "and track who takes part so you can adjust during the cycle.",
        "language": "en",
    },
    {
        "question": "How are winning projects chosen under Rank and Rearrange?",
        "keywords": "rank and rearrange, ranking, tally, count, winning projects, 75%, threshold",
        "answer": "Voters rank up to five projects (5 points for a first choice down to 1). "
                  "Projects are funded in order of points while money lasts; a project that no "
                  "longer fits can be offered what is left if that covers at least 75% of its "
                  "cost. Try it with /tally.",
        "language": "en",
    },
    {
        "question": "Comment toucher les habitants qui ne participent pas ?",
        "keywords": "marginalisés, toucher, mobilisation, exclus, participation, quartiers",
        "answer": "Allez là où les gens se retrouvent déjà (marchés, écoles, associations), "
                  "appuyez-vous sur des relais de confiance, traduisez vos supports et suivez qui "
                  "participe pour ajuster en cours de route.",
        "language": "fr",
    },
    {
        "question": "¿Cómo llegar a los vecinos que no suelen participar?",
        "keywords": "marginados, llegar, difusión, excluidos, participación, barrios",
        "answer": "Acuda a los lugares donde la gente ya se reúne (mercados, escuelas, "
                  "asociaciones), colabore con organizaciones de confianza, traduzca los "
                  "materiales y mida quién participa para ajustar sobre la marcha.",
        "language": "es",
    },
    {
        "question": "Como alcançar moradores que costumam ficar de fora?",
        "keywords": "marginalizados, alcançar, mobilização, excluídos, participação, bairros",
        "answer": "Vá aonde as pessoas já se encontram (feiras, escolas, associações), conte com "
                  "organizações de confiança, traduza os materiais e acompanhe quem participa "
                  "para ajustar ao longo do ciclo.",
        "language": "pt",
    },
]


def load(*, stdout):
    created = 0
    for entry in FAQ:
        _obj, was_created = FAQEntry.objects.update_or_create(
            question=entry["question"], defaults=entry)
        created += was_created
    stdout.write(f"  bot: {created} FAQ entries created, {len(FAQ) - created} already there")
