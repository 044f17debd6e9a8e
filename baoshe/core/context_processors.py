from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def newspaper(request):
    """Today's date as a masthead prints it: 2026年11月24日 星期二 (the language's date format
    and weekday name, from Django's locale data)."""
    today = timezone.localdate()
    date = {"date": date_format(today, "DATE_FORMAT"), "weekday": date_format(today, "l")}
    # Translators: the masthead's date, e.g. "Tuesday, Nov. 24, 2026".
    return {"masthead_date": _("%(weekday)s, %(date)s") % date}
