"""All SQLite access, one module per concern:

- db: where the file lives, opening and migrating it, one transaction per command
- undo: the undo log that every write command records
- customers: names resolved to customers, cards, aliases, tags, merges
- entries: logged contacts, and the rule that a contact closes due follow-ups
  and opens its next step
- followups: the follow-ups listed, looked up and changed
- goals: targets and custom metrics
- planning: tasks, week reviews and their plan items
- importer: checked rows from salelog import
- maintenance: backup and salelog doctor's look at the file

Callers use the names below as `store.NAME`. Only the standard library and our
own small modules are imported here: sqlite-utils comes in only to migrate.
"""

from .customers import (
    CARD_FIELDS,
    add_aliases,
    close_names,
    create_customer,
    customer_cards,
    customer_count,
    customer_names,
    delete_customer,
    find_customer,
    merge_customers,
    name_taken,
    remove_aliases,
    require_customer,
    resolve_customer,
    revenue_by_customer,
    set_classes,
    set_customer_tags,
    update_customer,
)
from .db import (
    BUSY_TIMEOUT_SECONDS,
    SCHEMA_VERSION,
    connect,
    open_db,
    reading,
    resolve_db_path,
    writing,
)
from .entries import (
    close_due_followups,
    delete_entry,
    entries_in,
    entry,
    entry_count,
    entry_id_for,
    insert_entry,
    last_entry_of,
    list_entries,
    open_followup,
    record_contact,
    update_entry,
)
from .followups import followup, followups_due_between, open_followups, update_followup
from .goals import (
    add_goal_setting,
    current_target,
    custom_metric_names,
    declare_custom_metric,
    goal_settings,
    goals_in_force,
    goals_overlapping,
)
from .importer import entries_alike, import_customers, import_entries
from .maintenance import backup, inspect_database
from .planning import (
    add_review,
    add_task,
    check_plan_item,
    latest_review,
    plan_items,
    task,
    tasks,
    tasks_between,
    update_task,
)
from .undo import UNDO_KEEP, relabel, undo_last

# The public surface; ruff checks that it and the imports above agree.
__all__ = [
    "BUSY_TIMEOUT_SECONDS",
    "CARD_FIELDS",
    "SCHEMA_VERSION",
    "UNDO_KEEP",
    "add_aliases",
    "add_goal_setting",
    "add_review",
    "add_task",
    "backup",
    "check_plan_item",
    "close_due_followups",
    "close_names",
    "connect",
    "create_customer",
    "current_target",
    "custom_metric_names",
    "customer_cards",
    "customer_count",
    "customer_names",
    "declare_custom_metric",
    "delete_customer",
    "delete_entry",
    "entries_in",
    "entry",
    "entry_count",
    "entry_id_for",
    "find_customer",
    "followup",
    "followups_due_between",
    "goal_settings",
    "goals_in_force",
    "goals_overlapping",
    "entries_alike",
    "import_customers",
    "import_entries",
    "insert_entry",
    "inspect_database",
    "last_entry_of",
    "latest_review",
    "list_entries",
    "merge_customers",
    "name_taken",
    "open_db",
    "open_followup",
    "record_contact",
    "open_followups",
    "plan_items",
    "reading",
    "relabel",
    "remove_aliases",
    "require_customer",
    "resolve_customer",
    "resolve_db_path",
    "revenue_by_customer",
    "set_classes",
    "set_customer_tags",
    "task",
    "tasks",
    "tasks_between",
    "undo_last",
    "update_customer",
    "update_entry",
    "update_followup",
    "update_task",
    "writing",
]
