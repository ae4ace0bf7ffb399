from django.conf import settings
from django.db import migrations


def load_default_tree(apps, schema_editor):
    from toolkit import default_tree

    default_tree.install(
        tree_model=apps.get_model("toolkit", "DecisionTree"),
        locale_model=apps.get_model("wagtailcore", "Locale"),
        language_code=settings.LANGUAGE_CODE,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0001_initial"),
    ]

    operations = [migrations.RunPython(load_default_tree, migrations.RunPython.noop)]
