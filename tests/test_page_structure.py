"""The reader's view that the admin tests assert through: if it saw nothing, their "no button named …" would pass
by seeing nothing."""

from tests.page_structure import PageStructure

PAGE = """<!doctype html>
<html lang="en"><body>
<div class="messages" role="status"><ul>
  <li class="error"><svg aria-hidden="true"><use href="#i"></use></svg> The form is <em>not</em> complete.
    <button type="button" class="w-hidden">Go to the first error</button></li>
</ul><template><li class="success"><span></span></li></template></div>
<h1>Application: 邻里便民</h1>
<section><h2><span>What you can do now</span></h2>
  <details><summary>Approve</summary>
    <form method="post" action="/act/approve/"><textarea name="reasons"></textarea>
      <button type="submit" class="button">Approve</button></form></details>
  <form method="POST" action="/act/extend/"><input type="submit" value="Extend"></form>
  <button type="button" aria-label="Toggle section"><svg aria-hidden="true"><title>x</title></svg></button>
  <h3>Rights of review</h3><p>You may   apply for
  reconsideration.</p>
</section>
<section><h2>Checklist</h2>
  <table><caption>Licences</caption>
    <thead><tr><th>Licence</th><th>Present</th></tr></thead>
    <tbody><tr><td>Food business permit</td><td><strong>Missing</strong></td></tr>
      <tr><td>Fire safety</td>
        <td>Yes <a href="/scan/1/">Open <span class="w-sr-only">scan 1</span></a></td></tr></tbody>
  </table>
  <dl><dt>Working days used</dt><dd>0 / 20</dd></dl>
  <svg role="img" aria-labelledby="t"><title id="t">Average time</title>
    <rect><title>2026-03: 4 days</title></rect><text>4</text></svg>
</section>
<div hidden><button>Hidden button</button><h2>Hidden heading</h2></div>
<script>document.write("<button>Scripted</button>")</script>
</body></html>"""


def structure() -> PageStructure:
    parsed = PageStructure()
    parsed.feed(PAGE)
    parsed.close()
    return parsed


def test_headings_and_sections_follow_the_outline():
    page = structure()
    assert [(heading.level, heading.text) for heading in page.headings] == [
        (1, "Application: 邻里便民"),
        (2, "What you can do now"),
        (3, "Rights of review"),
        (2, "Checklist"),
    ]
    actions = page.section("What you can do now")
    assert actions.button_names == ["Approve", "Extend", "Toggle section"]
    assert actions.section("Rights of review").paragraphs == ["You may apply for reconsideration."]
    assert page.section("Checklist").button_names == []


def test_buttons_are_named_as_a_screen_reader_names_them_and_know_where_they_post():
    page = structure()
    approve, extend, toggle = page.section("What you can do now").buttons
    assert (approve.name, approve.type, approve.action, approve.method) == (
        "Approve",
        "submit",
        "/act/approve/",
        "post",
    )
    assert (extend.name, extend.action, extend.method) == ("Extend", "/act/extend/", "post")
    assert (toggle.name, toggle.type, toggle.action) == ("Toggle section", "button", None)
    assert "Hidden button" not in page.button_names and "Scripted" not in page.button_names


def test_messages_are_read_without_the_buttons_beside_them_or_the_templates():
    (message,) = structure().messages
    assert (message.level, message.text) == ("error", "The form is not complete.")


def test_tables_rows_definitions_links_and_charts():
    page = structure()
    table = page.table("Licences")
    assert table.headers == ["Licence", "Present"]
    assert table.row("Food business permit")["Present"] == "Missing"
    assert table.row("Fire safety").links[0].text == "Open scan 1"
    assert page.link("Open scan 1").href == "/scan/1/"
    assert page.definitions == {"Working days used": "0 / 20"}
    chart = page.chart("Average time")
    assert chart.parts == ["2026-03: 4 days"]
    assert "Hidden heading" not in page.heading_texts()


def test_texts_are_every_rendered_text_in_order_without_hidden_or_unrendered_ones():
    texts = structure().texts
    assert texts[:3] == ["The form is", "not", "complete."]
    assert "You may apply for reconsideration." in texts
    assert "Hidden heading" not in texts and "Hidden button" not in texts
    assert not any("Scripted" in text for text in texts)
