"""Steps a person takes in the browser, shared by the browser tests."""


def admin_login(page, live_server, username, password):
    """Log in through the Wagtail admin's own login form, as an editor would."""
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(live_server.url + "/admin/")
