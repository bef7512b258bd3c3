"""Root conftest: loads the course's nbval comparison for every pytest run over notebooks.

``tests/nbval_numbers.py`` explains the rule (numbers a reader sees compare exactly;
full-precision floats within a relative 1e-9), so ``pytest --nbval notebooks`` behaves
the same whether it is started by ``make test`` or by hand.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "tests"))

pytest_plugins = ["nbval_numbers"]
