"""Steps a person takes in the browser, shared by the browser tests."""


def admin_login(page, live_server, username, password):
    """Log in through the Wagtail admin's own login form, as an editor would."""
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(live_server.url + "/admin/")


def drag_selected_hotspot(page, dx: float, dy: float) -> None:
    """In the 数字报 hotspot editor, drag the selected article's hotspot by (dx, dy) px."""
    box = page.locator("#ep-svg polygon.is-selected").first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx / 2, y + dy / 2, steps=4)
    page.mouse.move(x + dx, y + dy, steps=4)
    page.mouse.up()
