# Issue dates are validated to lie in 1900-01-01..2100-12-31 (validators only; no schema change).

from django.db import migrations, models

import baoshe.epaper.models


class Migration(migrations.Migration):
    dependencies = [
        ("epaper", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="importjob",
            name="date",
            field=models.DateField(
                validators=[baoshe.epaper.models.validate_issue_date], verbose_name="出版日期"
            ),
        ),
        migrations.AlterField(
            model_name="issue",
            name="date",
            field=models.DateField(
                validators=[baoshe.epaper.models.validate_issue_date], verbose_name="出版日期"
            ),
        ),
    ]
