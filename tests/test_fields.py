"""The entry fields are declared once (salelog/fields.py): every place that lists
them is built from that declaration or agrees with it here, by name, type and
default, so a field added there cannot be half-added."""

import json
import sqlite3
from contextlib import closing

import pytest
from conftest import ok
from typer.main import get_command

from salelog import fields
from salelog.app import build_app


def typer_command(*words):
    command = get_command(build_app())
    for word in words:
        command = command.commands[word]
    return command


@pytest.mark.parametrize("words", [("visit", "add"), ("visit", "edit")], ids=" ".join)
def test_visit_add_and_edit_take_every_field_with_its_flags_type_and_default(words):
    params = {p.name: p for p in typer_command(*words).params}
    for field in fields.ENTRY_FIELDS:
        param = params[field.key]
        assert tuple(param.opts + param.secondary_opts) == field.flags
        assert param.default is None and not param.required
        assert param.multiple == (field in fields.LISTS)
        assert param.type.name == "str"  # text: read by the field's type in actions.visit.read_field, not by Click
        assert param.metavar == field.metavar
        assert field.help.split(":")[0] in param.help


def test_every_field_type_has_a_reader_and_an_export_type():
    from datetime import datetime

    now = datetime(2026, 11, 25, 18, 0)
    samples = {"kind": "call", "amount": "1.2w", "text": "报价", "date": "fri", "moment": "昨天下午3点"}
    samples["minutes"] = "45"
    samples["satisfaction"] = "4"
    for field in fields.SCALARS:
        assert field.type in fields.EXPORT_TYPE
        assert fields.read(field, samples[field.type], now) is not None
    assert {f.type for f in fields.LISTS} <= {"names"}


def test_every_scalar_field_has_its_column_and_every_list_its_table(db):
    ok("visit", "add", "张总")
    with closing(sqlite3.connect(db)) as conn:
        columns = {row[1]: row[2] for row in conn.execute("PRAGMA table_info(entries)")}
        for field in fields.SCALARS:
            assert field.column in columns, field.key
        for field in fields.LISTS:
            table, column = fields.list_table(field)
            assert column in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            assert "entry_id" in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def test_keys_flags_and_import_headers_are_unique():
    keys = [f.key for f in fields.ENTRY_FIELDS]
    flags = [flag for f in fields.ENTRY_FIELDS for flag in f.flags]
    headers = [h for f in fields.ENTRY_FIELDS for h in (fields.json_key(f), *f.headers)]
    assert len(set(keys)) == len(keys) and len(set(flags)) == len(flags) and len(set(headers)) == len(headers)


@pytest.mark.parametrize("words", [("customer", "add"), ("customer", "edit")], ids=" ".join)
def test_customer_add_and_edit_take_every_card_field(words):
    params = {p.name: p for p in typer_command(*words).params}
    for field in fields.CARD_FIELDS:
        param = params[field.param]
        assert tuple(param.opts + param.secondary_opts) == field.flags and param.default is None
        assert param.metavar == field.metavar and field.help in param.help


def test_the_card_is_stored_exported_and_imported_by_its_declaration(tmp_path, db):
    values = {"company": "华东电子", "class": "a", "phone": "+86 138", "email": "z@x.cn", "wechat": "zz", "note": "茶"}
    values["source"] = "展会"
    ok("customer", "add", "张总", *[arg for f in fields.CARD_FIELDS for arg in (f.flags[0], values[f.key])])
    with closing(sqlite3.connect(db)) as conn:
        columns = ", ".join(f'"{f.column}"' for f in fields.CARD_FIELDS)
        stored_card = conn.execute(f"SELECT {columns} FROM customers").fetchone()
    assert stored_card == tuple(
        values[f.key].upper() if f.key == "class" else values[f.key] for f in fields.CARD_FIELDS
    )
    out = tmp_path / "customers.csv"
    ok("export", "customers", "-o", str(out))
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")[1:8] == [f.column for f in fields.CARD_FIELDS]
    chinese = tmp_path / "客户.csv"
    chinese.write_text(
        "姓名," + ",".join(f.headers[0] for f in fields.CARD_FIELDS) + "\n李经理,远方,B,139,l@x.cn,li,备注,转介绍\n"
    )
    ok("import", "customers", str(chinese), "--new")
    card = {c["name"]: c for c in json.loads(ok("customer", "list", "--json").out)}["李经理"]
    assert (card["company"], card["class"], card["wechat"], card["note"]) == ("远方", "B", "li", "备注")
    assert card["source"] == "转介绍"
