"""The newsroom's roles (Django groups) and the 三审三校 workflow, created idempotently.

``ensure_roles`` and ``ensure_workflow`` take an app registry, so the data migration runs them
against its historical models and the demo (or a test that flushed the database) against the
real ones. Nothing here imports models at module level.
"""

REPORTER = "记者"
EDITOR = "编辑"
DIRECTOR = "部门主任/值班主任"
CHIEF = "总编辑"
PROOFREADER = "校对"
ADMIN = "管理员"

ALL_ROLES = [REPORTER, EDITOR, DIRECTOR, CHIEF, PROOFREADER, ADMIN]

#: the groups whose members may override a blocking 机审 finding (二审 and 三审)
OVERRIDE_ROLES = [DIRECTOR, CHIEF]

WORKFLOW_NAME = "三审三校"
MACHINE_TASK = "机审"
LEVEL_TASKS = [(1, "一审", [EDITOR]), (2, "二审", [DIRECTOR]), (3, "三审", [CHIEF])]

_ARTICLE_READ = ["view_article"]
_ARTICLE_WRITE = ["add_article", "change_article", "view_article", "lock_article"]
_ADMIN = [("wagtailadmin", "access_admin")]
_REQUESTS = [
    ("workflow", "add_withdrawal"),
    ("workflow", "view_withdrawal"),
    ("workflow", "add_correction"),
    ("workflow", "view_correction"),
]

#: role → [(app_label, codename)], beyond Wagtail admin access
ROLE_PERMISSIONS = {
    REPORTER: [("newsroom", c) for c in _ARTICLE_WRITE],
    EDITOR: [("newsroom", c) for c in _ARTICLE_WRITE] + _REQUESTS,
    DIRECTOR: [("newsroom", c) for c in [*_ARTICLE_WRITE, "unlock_article"]] + _REQUESTS,
    CHIEF: [
        ("newsroom", c)
        for c in [*_ARTICLE_WRITE, "unlock_article", "publish_article", "delete_article"]
    ]
    + _REQUESTS,
    PROOFREADER: [("newsroom", c) for c in ["change_article", "view_article", "lock_article"]]
    + [("workflow", "add_proofreadinground"), ("workflow", "view_proofreadinground")],
    ADMIN: [
        ("newsroom", c)
        for c in [*_ARTICLE_WRITE, "unlock_article", "publish_article", "delete_article"]
    ]
    + _REQUESTS
    + [
        ("workflow", "view_proofreadinground"),
        ("wagtailcore", "add_workflow"),
        ("wagtailcore", "change_workflow"),
        ("wagtailcore", "add_task"),
        ("wagtailcore", "change_task"),
        ("auth", "add_user"),
        ("auth", "change_user"),
        ("auth", "view_user"),
    ],
}


def _create_permissions(apps):
    """Permissions are normally made after ``migrate``; a data migration needs them now."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    for label in ["newsroom", "workflow", "wagtailadmin", "wagtailcore", "auth"]:
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)


def _permission(apps, Permission, app_label, codename):
    found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if found is not None:
        return found
    # lock_/unlock_ permissions of snippets are made by Wagtail after migrate: make them now.
    action, model = codename.split("_", 1)
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.create(
        content_type=content_type, codename=codename, name=f"Can {action} {model}"
    )


def ensure_roles(apps=None):
    """Create the six role groups with exactly their permissions. Returns {name: group}."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groups = {}
    for role in ALL_ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        wanted = _ADMIN + ROLE_PERMISSIONS[role]
        perms = [_permission(apps, Permission, app, codename) for app, codename in wanted]
        group.permissions.set(perms)
        groups[role] = group
    return groups


def ensure_workflow(apps=None):
    """The "三审三校" workflow with 机审 → 一审 → 二审 → 三审, assigned to ``newsroom.Article``."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    groups = ensure_roles(apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    MachineReviewTask = apps.get_model("workflow", "MachineReviewTask")
    ReviewTask = apps.get_model("workflow", "ReviewTask")

    def ct(app_label, model):
        return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]

    machine = MachineReviewTask.objects.filter(name=MACHINE_TASK).first()
    if machine is None:
        machine = MachineReviewTask.objects.create(
            name=MACHINE_TASK, content_type=ct("workflow", "machinereviewtask"), active=True
        )
    tasks = [machine]
    for level, name, roles in LEVEL_TASKS:
        task = ReviewTask.objects.filter(name=name).first()
        if task is None:
            task = ReviewTask.objects.create(
                name=name, level=level, content_type=ct("workflow", "reviewtask"), active=True
            )
        task.groups.set([groups[r] for r in roles])
        tasks.append(task)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=order)
    article_ct = ct("newsroom", "article")
    WorkflowContentType.objects.update_or_create(
        content_type=article_ct, defaults={"workflow": workflow}
    )
    return workflow
