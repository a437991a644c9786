"""All SQLite access, one module per concern:

- db: where the file lives, opening and migrating it, one transaction per command
- undo: the undo log that every write command records
- accounts: a customer's account beside the log: cancellations of sales, payments
- customers: names resolved to customers, their cards
- spellings: a name's other spellings (script, sound, pinyin), close names, new customers
- customer_edits: changing cards, aliases, tags and classes, merges and deletions
- entries: logged contacts, and the rule that a contact closes due follow-ups
  and opens its next step
- entry_reads: entries read back (a period's, the list, the export's stream, one by reference)
- entry_edits: entries changed or removed
- deals: deals (商机) listed and looked up
- deal_changes: deals added, moved, linked and removed, their stage history
- pipeline_sums: the pipeline summed (open by stage, closed, stale, a period's stage changes)
- followups: the follow-ups listed, looked up and changed
- goals: targets and custom metrics
- planning: tasks, reviews of weeks, months and years and their plan items
- history: the whole history summed by week, month or year (records, earlier periods)
- importer: checked rows from salelog import
- maintenance: backup, salelog doctor's look at the file, and other logbooks opened read-only (team report)
- rewards: rewards at a target or milestone, and which were said
- settings: what the logbook keeps about its owner (the person's name)
- sums: a period's entries summed for the reviews (by kind, customer, hour and weekday)
- daybook: day notes, activities (time not with customers), what the day's report reads
- life: what customers' stages are worked out from, complaints, satisfaction, contracts

Callers use the names below as `store.NAME`. A module is imported the first
time one of its names is used, so a command loads only the concerns it needs
(each module costs ~0.3 ms of every start-up). Only the standard library and
our own small modules are used here: sqlite-utils comes in only to migrate.
"""

# Where each public name lives: module -> names.
HOMES = {
    "accounts": (
        "add_cancellation",
        "add_payment",
        "cancellations_of",
        "cancelled_fen",
        "check_cancellation",
        "delete_payment",
        "list_cancellations",
        "list_payments",
        "money_moves_in",
        "outstanding_fen",
        "owing_customers",
        "payment_id_for",
        "payments_for_export",
        "sales_owed",
        "unpaid_sales",
    ),
    "customers": (
        "CARD_FIELDS",
        "customer_cards",
        "customer_sources",
        "customer_count",
        "customer_names",
        "find_customer",
        "require_customer",
        "resolve_customer",
        "revenue_by_customer",
    ),
    "customer_edits": (
        "aliases_and_tags",
        "add_aliases",
        "delete_customer",
        "merge_customers",
        "remove_aliases",
        "set_classes",
        "set_customer_tags",
        "update_customer",
    ),
    "spellings": (
        "close_names",
        "create_customer",
        "known_names_index",
        "name_taken",
    ),
    "daybook": (
        "activities_in",
        "activity",
        "add_activity",
        "add_day_note",
        "day_notes",
        "delete_activity",
        "followups_around",
        "latest_activity_before",
        "list_activities",
        "tasks_around",
    ),
    "db": (
        "BUSY_TIMEOUT_SECONDS",
        "SCHEMA_VERSION",
        "connect",
        "open_db",
        "reading",
        "resolve_db_path",
        "writing",
    ),
    "deals": (
        "deal",
        "deal_count",
        "deal_id_for",
        "has_deals",
        "list_deals",
        "open_deals",
        "open_deals_of",
    ),
    "deal_changes": (
        "add_deal",
        "backdate_creation",
        "booked_revenue",
        "deal_by_external_id",
        "deal_entries",
        "deal_won_by",
        "delete_deal",
        "link_entry",
        "log_revenue",
        "set_stage",
        "stage_history",
        "update_deal",
    ),
    "pipeline_sums": (
        "closed_pipeline",
        "open_pipeline",
        "stage_changes_between",
        "stale_pipeline",
    ),
    "entries": (
        "close_due_followups",
        "dated_later",
        "insert_entry",
        "open_followup",
        "record_contact",
        "rewards_reached_by",
    ),
    "entry_reads": (
        "entries_in",
        "entry",
        "entry_count",
        "entry_id_for",
        "iter_entries",
        "kinds_and_amounts_in",
        "last_entry_of",
        "list_entries",
    ),
    "entry_edits": (
        "delete_entry",
        "update_entry",
    ),
    "followups": (
        "complaint_due_of",
        "followup",
        "followups_due_between",
        "open_followups",
        "update_followup",
    ),
    "goals": (
        "add_goal_setting",
        "any_rewards",
        "current_target",
        "custom_metric_names",
        "declare_custom_metric",
        "goal_settings",
        "goals_in_force",
        "goals_overlapping",
    ),
    "importer": (
        "entries_alike",
        "import_customers",
        "import_deals",
        "import_entries",
        "import_payments",
        "import_cancellations",
    ),
    "history": (
        "customer_firsts",
        "latest_entry_before",
        "merged_totals",
        "period_counts",
        "period_totals",
    ),
    "life": (
        "add_contract",
        "care_facts",
        "complaints_between",
        "contract",
        "customers_at_stage",
        "delete_contract",
        "list_contracts",
        "satisfaction_between",
        "stage_facts",
        "stage_moves",
    ),
    "maintenance": (
        "backup",
        "inspect_database",
        "open_readonly",
        "rebuild_derived",
    ),
    "planning": (
        "add_review",
        "add_task",
        "causes_picked",
        "check_plan_item",
        "latest_review",
        "plan_items",
        "task",
        "tasks",
        "tasks_between",
        "update_task",
    ),
    "rewards": (
        "announce",
        "rewards_between",
        "set_reward",
    ),
    "sums": (
        "first_entry_at",
        "period_sums",
        "sums_by_period",
    ),
    "settings": (
        "LOGBOOK_KEYS",
        "set_setting",
        "setting",
    ),
    "undo": (
        "UNDO_KEEP",
        "relabel",
        "undo_last",
    ),
}
_HOME_OF = {name: module for module, names in HOMES.items() for name in names}
__all__ = sorted(_HOME_OF)


def __getattr__(name: str):
    """store.NAME: import NAME's module on first use and keep the name here."""
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(__import__(f"{__name__}.{module}", fromlist=(name,)), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
