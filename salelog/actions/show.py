"""What every command's output has in common."""


def print_json(data) -> None:
    """`--json` output: UTF-8 JSON on stdout, nothing else."""
    import json

    print(json.dumps(data, ensure_ascii=False, indent=2))
