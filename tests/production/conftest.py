from tests.events.conftest import events_index  # noqa: F401  (the proposal test needs it)
