# Named 0011: another branch adds core 0010; the merge will link the two.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_identificador_iati_del_actor"),
    ]

    operations = [
        migrations.AddField(
            model_name="actor",
            name="por_revisar",
            field=models.BooleanField(db_index=True, default=False, verbose_name="por revisar"),
        ),
        migrations.AddField(
            model_name="actor",
            name="propuesto_por",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="propuesto por",
            ),
        ),
        migrations.AddField(
            model_name="historicalactor",
            name="por_revisar",
            field=models.BooleanField(db_index=True, default=False, verbose_name="por revisar"),
        ),
        migrations.AddField(
            model_name="historicalactor",
            name="propuesto_por",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="propuesto por",
            ),
        ),
    ]
