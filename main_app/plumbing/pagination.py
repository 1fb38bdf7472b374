"""Page arithmetic shared by the list endpoints."""

from dataclasses import dataclass

from sqlalchemy import Select, func, select

from ..extensions import db


@dataclass
class Page:
    """One page of results and where it sits in the whole."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """Number of pages, at least 1 so an empty result still has a page."""
        return max(1, -(-self.total // self.per_page))


def paginate(query: Select, page: int, per_page: int, *, unique: bool = False) -> Page:
    """Run query for one page plus a count; query must have a stable ORDER BY."""
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    result = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page))
    items = list(result.unique() if unique else result)
    return Page(items=items, page=page, per_page=per_page, total=total)
