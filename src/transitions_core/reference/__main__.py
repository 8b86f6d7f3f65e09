"""`python -m transitions_core.reference` (`make docs`): write the generated pages into docs/."""

from transitions_core.reference import main

main()
