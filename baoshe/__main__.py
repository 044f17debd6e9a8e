from baoshe.cli import main

main()
