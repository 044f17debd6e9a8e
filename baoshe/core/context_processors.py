from django.utils import timezone

WEEKDAYS = "一二三四五六日"


def newspaper(request):
    """Today's date as a masthead prints it: 2026年11月24日 星期二."""
    today = timezone.localdate()
    weekday = WEEKDAYS[today.weekday()]
    return {"masthead_date": f"{today.year}年{today.month}月{today.day}日 星期{weekday}"}
