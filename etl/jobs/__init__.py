"""The jobs: each module has add_arguments(parser), validate(args) and run(lake, args)."""
