"""``/api/events`` and ``/api/commitments``: what actors did, decided and promised."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from onrecord.api.lookup import MAX_PAGE, refused_as_invalid
from onrecord.api.routes import ERRORS, StoreDep
from onrecord.store.events import DEFAULT_EVENT_LIMIT, EventQuery, EventRow, LedgerRow

router = APIRouter(prefix="/api", responses=ERRORS)


class EventList(BaseModel):
    events: list[EventRow]


class Ledger(BaseModel):
    commitments: list[LedgerRow]


@router.get("/events", response_model=EventList, summary="Events in the order they happened")
def list_events(
    store: StoreDep,
    type: Annotated[str | None, Query(description="PLOVER type: AGREE, CONSULT, AID, … (any case).")] = None,  # noqa: A002
    actor: Annotated[str | None, Query(description="An actor's name or alias.")] = None,
    target: Annotated[str | None, Query(description="A target's or recipient's name or alias.")] = None,
    since: Annotated[dt.date | None, Query(description="First day, YYYY-MM-DD, inclusive.")] = None,
    until: Annotated[dt.date | None, Query(description="Last day, YYYY-MM-DD, inclusive.")] = None,
    commitments: Annotated[bool, Query(description="Only commitments.")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_EVENT_LIMIT,
) -> EventList:
    query = EventQuery(
        type=type or None,
        actor=actor or None,
        target=target or None,
        since=since,
        until=until,
        commitments=commitments,
        limit=limit,
    )
    with refused_as_invalid():
        return EventList(events=store.events(query))


@router.get("/commitments", response_model=Ledger, summary="The commitments ledger")
def list_commitments(
    store: StoreDep,
    by: Annotated[str | None, Query(description="Who committed: a name or alias.")] = None,
    to: Annotated[str | None, Query(description="To whom: a name or alias.")] = None,
) -> Ledger:
    with refused_as_invalid():
        return Ledger(commitments=store.commitments(by=by or None, to=to or None))
