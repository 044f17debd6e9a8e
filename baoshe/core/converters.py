from django.urls import register_converter


class ObjectIdConverter:
    """A primary key in a URL: digits, at most 12 of them.

    Django's ``int`` converter accepts ``10**30``, which overflows the database's integer
    column and raises a 500; twelve digits is a trillion objects, ample for any newsroom.
    """

    regex = "[0-9]{1,12}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(ObjectIdConverter, "id")
