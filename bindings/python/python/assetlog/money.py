"""Money as ``decimal.Decimal`` with an ISO 4217 currency code, never a float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Tuple, Union

from . import _native
from .errors import CurrencyMismatch, InvalidAmount


@dataclass(frozen=True)
class Money:
    """An exact amount in a currency: ``Money(Decimal("1299.00"), "EUR")``.

    ``str(money)`` is the text form the store uses (``"1299.00 EUR"``).
    The number of decimals allowed depends on the currency (checked by the
    store: JPY 0, EUR 2, KWD 3).
    """

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        # money is never a float, and never more digits than its currency has
        amount = self.amount
        if isinstance(amount, float) or isinstance(amount, bool):
            raise InvalidAmount(f"amounts are Decimal, int or str, never {type(amount).__name__} "
                                f"({amount!r}): write Money(Decimal(\"12.50\"), \"EUR\")", input=repr(amount))
        if not isinstance(amount, Decimal):
            try:
                amount = Decimal(str(amount))
            except InvalidOperation:
                raise InvalidAmount(f"invalid amount {amount!r}", input=repr(amount)[:80]) from None
        if not amount.is_finite():
            raise InvalidAmount(f"invalid amount {amount}: not a finite number", input=str(amount))
        if not isinstance(self.currency, str):
            raise InvalidAmount(f"the currency is a code such as \"EUR\", not {self.currency!r}", input=repr(self.currency))
        object.__setattr__(self, "amount", amount)
        _native.check_money(f"{format(amount, 'f')} {self.currency}")

    def __str__(self) -> str:
        return f"{format(self.amount, 'f')} {self.currency}"

    # -- arithmetic within one currency ---------------------------------------
    # Sums stay exact (Decimal) and are checked by the store like any amount;
    # mixing currencies raises CurrencyMismatch (convert with total_in()).

    def _same(self, other: "Money", op: str) -> "Money":
        if not isinstance(other, Money):
            raise TypeError(f"cannot {op} Money and {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(f"cannot combine {self.currency} with {other.currency} without an FX rate table",
                                   left=self.currency, right=other.currency)
        return other

    def __add__(self, other: "Money") -> "Money":
        return Money(self.amount + self._same(other, "add").amount, self.currency)

    def __radd__(self, other: Any) -> "Money":
        # sum(moneys) starts from 0
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return self._same(other, "add").__add__(self)

    def __sub__(self, other: "Money") -> "Money":
        return Money(self.amount - self._same(other, "subtract").amount, self.currency)

    def __neg__(self) -> "Money":
        return Money(-self.amount, self.currency)

    def __lt__(self, other: "Money") -> bool:
        return self.amount < self._same(other, "compare").amount

    def __le__(self, other: "Money") -> bool:
        return self.amount <= self._same(other, "compare").amount

    def __gt__(self, other: "Money") -> bool:
        return self.amount > self._same(other, "compare").amount

    def __ge__(self, other: "Money") -> bool:
        return self.amount >= self._same(other, "compare").amount

    def __repr__(self) -> str:
        return f"Money('{self}')"

    @classmethod
    def parse(cls, text: str) -> "Money":
        """Read ``"1299.00 EUR"`` (or ``"EUR 1299.00"``)."""
        parts = text.split()
        if len(parts) != 2:
            raise InvalidAmount(f"invalid amount '{text}': write an amount and a currency, such as \"1299.00 USD\"", input=text)
        a, b = parts
        amount, code = (b, a) if a.isalpha() else (a, b)
        try:
            return cls(Decimal(amount), code.upper())
        except InvalidOperation:
            raise InvalidAmount(f"invalid amount '{text}'", input=text) from None

    @classmethod
    def _from_core(cls, text: str) -> "Money":
        """Money as the core wrote it ("1299.00 EUR"), checked when it was stored."""
        amount, currency = text.split(" ")
        m = object.__new__(cls)
        object.__setattr__(m, "amount", Decimal(amount))
        object.__setattr__(m, "currency", currency)
        return m

    @classmethod
    def of(cls, value: "MoneyLike") -> "Money":
        """A Money from a Money, a string, or an ``(amount, currency)`` pair."""
        if isinstance(value, Money):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        if isinstance(value, tuple) and len(value) == 2:
            amount, currency = value
            if isinstance(amount, float):
                raise InvalidAmount("amounts are Decimal or str, never float", input=repr(amount))
            return cls(Decimal(str(amount)) if not isinstance(amount, Decimal) else amount, str(currency))
        raise InvalidAmount(f"not money: {value!r}", input=repr(value))


MoneyLike = Union[Money, str, Tuple[Union[Decimal, str, int], str]]
