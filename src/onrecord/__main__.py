from onrecord.cli.main import main

main()
