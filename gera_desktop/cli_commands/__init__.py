"""The subcommands of the command line (no Qt), one module each; ``cli.COMMANDS`` lists what the parser
offers. This package imports none of them itself, so that the program window, which needs only
``common``'s exit codes, loads no subcommand."""
