from wagtail.admin.forms import WagtailAdminModelForm

REQUIRED_MESSAGES = {
    "title": "请填写标题。",
    "column": "请选择栏目：每篇稿件必须归属一个栏目。",
}


class ArticleAdminForm(WagtailAdminModelForm):
    """The article editor's form: required fields say in the newsroom's words what is missing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in REQUIRED_MESSAGES.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
