"""Every command body, free of Typer (and of Rich for write commands): given the
run's Context and the text the user typed, parse, store, print.

One module per command group (actions.visit, actions.goal, actions.progress);
salelog/fastpath.py and the Typer commands in salelog/commands/ call the very
same functions, always with keyword arguments after the Context.
"""
