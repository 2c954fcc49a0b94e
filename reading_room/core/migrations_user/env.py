"""Alembic environment of the user database: always run from ``userdata.store`` with a live connection."""

from alembic import context

from reading_room.core.userdata.models import UserBase

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=UserBase.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
