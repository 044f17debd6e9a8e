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
LAYOUT_EDITOR = "版面编辑"

ALL_ROLES = [REPORTER, EDITOR, DIRECTOR, CHIEF, PROOFREADER, ADMIN, LAYOUT_EDITOR]

_ADMIN = "wagtailadmin.access_admin"

WORKFLOW_NAME = "三审三校"
MACHINE_TASK = "机审"
LEVEL_TASKS = [(1, "一审", [EDITOR]), (2, "二审", [DIRECTOR]), (3, "三审", [CHIEF])]

# Permissions decide every action (baoshe/newsroom/permissions.py reads them); a role is only a
# group holding some. "change_article" is writing one's own pieces; "change_any_article" is
# editing everybody's; "publish_article" is publishing outside 三审三校 (emergencies);
# "unpublish_article" (taking a live piece down, or deleting one that was ever published,
# without a 撤稿) is held by no role: only superusers have it.
_WRITE = [
    "newsroom.add_article",
    "newsroom.change_article",
    "newsroom.view_article",
    "newsroom.lock_article",
]
_EDIT_ANY = [*_WRITE, "newsroom.change_any_article"]
_REQUESTS = [
    "workflow.add_withdrawal",
    "workflow.view_withdrawal",
    "workflow.add_correction",
    "workflow.view_correction",
]
_USERS = ["auth.add_user", "auth.change_user", "auth.view_user"]
_SITE = [
    "core.change_sitesettings",
    "proofread.change_proofreadsettings",
    *(
        f"proofread.{a}_{m}"
        for m in ("wordlist", "nameentry", "correctionrule")
        for a in ("add", "change", "delete", "view")
    ),
    *(
        f"epaper.{a}_{m}"
        for m in ("publication", "issue", "printpage", "printarticle", "importjob")
        for a in ("add", "change", "view")
    ),
]

# 数字报: import issues, correct hotspots, mark pages reviewed, publish, set 期号 and release
# time, delete an issue (with its files). Publishing with pages not reviewed is a logged
# override only 总编辑 may make ("publish_unreviewed_issue").
_EPAPER = [
    "epaper.view_publication",
    *(
        f"epaper.{a}_{m}"
        for m in ("issue", "printpage", "printarticle", "importjob")
        for a in ("add", "change", "view")
    ),
    "epaper.delete_issue",
]
_EPAPER_OVERRIDE = ["epaper.publish_unreviewed_issue"]

# 总编辑 sees everything the newsroom's copy goes through: every piece at every step (above) and
# the 三校 rounds. (The 机审 word lists stay 管理员's: tests/security/test_permission_matrix.py.)
_SEE_ALL = ["workflow.view_proofreadinground"]

#: role → ["app_label.codename"], beyond Wagtail admin access
ROLE_PERMISSIONS = {
    REPORTER: _WRITE,
    EDITOR: _EDIT_ANY + _REQUESTS,
    DIRECTOR: _EDIT_ANY
    + [
        "newsroom.unlock_article",
        "newsroom.override_machine_review",
        "newsroom.second_review_article",
    ]
    + _REQUESTS,
    CHIEF: _EDIT_ANY
    + [
        "newsroom.unlock_article",
        "newsroom.delete_article",
        "newsroom.override_machine_review",
        "newsroom.sign_off_article",
    ]
    + _REQUESTS
    + _SEE_ALL
    + _EPAPER
    + _EPAPER_OVERRIDE,
    PROOFREADER: [
        "newsroom.change_article",
        "newsroom.view_article",
        "workflow.add_proofreadinground",
        "workflow.view_proofreadinground",
    ],
    ADMIN: _EDIT_ANY
    + ["newsroom.unlock_article", "newsroom.publish_article", "newsroom.delete_article"]
    + _REQUESTS
    + ["workflow.view_proofreadinground"]
    + _USERS
    + _SITE
    + ["epaper.delete_issue"],
    LAYOUT_EDITOR: _EPAPER,
}

#: 管理员 manages the columns (every page under the root) and the images (root collection)
ADMIN_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
ADMIN_IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image", "delete_image"]

_PERMISSION_APPS = [
    "newsroom",
    "workflow",
    "wagtailadmin",
    "wagtailcore",
    "wagtailimages",
    "auth",
    "core",
    "proofread",
    "epaper",
]


def _create_permissions(apps):
    """Permissions are normally made after ``migrate``; a data migration needs them now."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    for label in _PERMISSION_APPS:
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)


def _model_name(apps, app_label, codename):
    """The model a codename belongs to: ``change_any_article`` → ``article``."""
    try:
        names = [m._meta.model_name for m in apps.get_app_config(app_label).get_models()]
    except LookupError:
        names = []
    for name in sorted(names, key=len, reverse=True):
        if codename.endswith(f"_{name}"):
            return name
    return codename.split("_", 1)[1]


def _permission_label(app_label, model, codename):
    from django.apps import apps as global_apps

    try:
        meta = global_apps.get_model(app_label, model)._meta
    except LookupError:
        return f"Can {codename.replace('_', ' ')}"
    return dict(meta.permissions).get(codename, f"Can {codename.replace('_', ' ')}")


def _permission(apps, Permission, app_label, codename):
    found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if found is not None:
        return found
    # lock_/unlock_ permissions of snippets are made by Wagtail after migrate, and an app
    # migrated later has none yet: make them now.
    model = _model_name(apps, app_label, codename)
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.create(
        content_type=content_type,
        codename=codename,
        name=_permission_label(app_label, model, codename),
    )


def _grant_admin_pages_and_images(apps, group, Permission):
    """管理员: every page (columns, single pages) and every image, through Wagtail's own
    page and collection permissions."""
    try:
        Page = apps.get_model("wagtailcore", "Page")
        GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
        Collection = apps.get_model("wagtailcore", "Collection")
        GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    except LookupError:
        return
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        for codename in ADMIN_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=_permission(apps, Permission, "wagtailcore", codename),
            )
    collection = Collection.objects.filter(depth=1).order_by("path").first()
    if collection is not None:
        for codename in ADMIN_IMAGE_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=_permission(apps, Permission, "wagtailimages", codename),
            )


def ensure_roles(apps=None):
    """Create the role groups with exactly their permissions. Returns {name: group}."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groups = {}
    for role in ALL_ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        wanted = [_ADMIN, *ROLE_PERMISSIONS[role]]
        perms = [_permission(apps, Permission, *name.split(".", 1)) for name in wanted]
        group.permissions.set(perms)
        if role == ADMIN:
            _grant_admin_pages_and_images(apps, group, Permission)
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
    retire_default_page_workflows(apps)
    retire_wagtail_default_groups(apps)
    return workflow


#: The groups Wagtail's own migrations create on every fresh database (``wagtailcore.0002``).
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def retire_wagtail_default_groups(apps=None):
    """Wagtail's default groups go when nobody is in them: the six roles replace them, and a
    group list with English names beside 记者 … 管理员 only confuses whoever hands out roles.
    A group a paper has put people in stays. Idempotent; returns the names removed."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Group = apps.get_model("auth", "Group")
    empty = Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True)
    names = list(empty.values_list("name", flat=True))
    Group.objects.filter(name__in=names).delete()
    return names


#: Wagtail's own moderation task type: its default "Moderators approval" workflow is made of one
WAGTAIL_GROUP_APPROVAL = ("wagtailcore", "groupapprovaltask")


def retire_default_page_workflows(apps=None):
    """Pages (columns, single pages) go through 三审三校 or no workflow, never Wagtail's default.

    Wagtail's migration ``wagtailcore.0048`` turns every group with page publish permission into
    a workflow of one plain group-approval task ("Moderators approval") assigned to the root
    page. Every workflow other than 三审三校 made only of such tasks is deactivated, with its
    tasks; its page assignments are removed and its unfinished reviews cancelled. Idempotent,
    and a no-op on a database without one. Returns the names of the workflows retired.
    """
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    Task = apps.get_model("wagtailcore", "Task")
    app_label, model = WAGTAIL_GROUP_APPROVAL
    retired = []
    for workflow in Workflow.objects.exclude(name=WORKFLOW_NAME):
        task_ids = list(
            WorkflowTask.objects.filter(workflow=workflow).values_list("task_id", flat=True)
        )
        tasks = Task.objects.filter(pk__in=task_ids)
        if (
            not task_ids
            or tasks.exclude(content_type__app_label=app_label, content_type__model=model).exists()
        ):
            continue  # a workflow of the paper's own making: leave it alone
        assigned = WorkflowPage.objects.filter(workflow=workflow)
        if not workflow.active and not assigned.exists():
            continue
        open_states = WorkflowState.objects.filter(workflow=workflow, status="in_progress")
        TaskState.objects.filter(workflow_state__in=open_states, status="in_progress").update(
            status="cancelled"
        )
        open_states.update(status="cancelled")
        assigned.delete()
        workflow.active = False
        workflow.save(update_fields=["active"])
        # tasks shared with a workflow still in use stay active
        in_use = WorkflowTask.objects.filter(workflow__active=True).values_list(
            "task_id", flat=True
        )
        tasks.exclude(pk__in=in_use).update(active=False)
        retired.append(workflow.name)
    return retired
