import pytest

# Plain `assert`s in the shared helpers explain their failures like the tests' own.
pytest.register_assert_rewrite("tests.helpers")
