"""What ipcast said as of a past year, beside what is known now."""

from __future__ import annotations


def beside_now(then: list[dict], now: list[dict]) -> list[dict]:
    """``then`` records (run with ``--as-of``) with the present state of each target added:
    ``now_status``, ``now_outcome``, ``now_hit``, ``now_outcome_source`` and ``now_p_hit``
    (today's forecast where the outcome is not yet in the history)."""
    index = {(r["region"], r["target_id"]): r for r in now}
    out = []
    for r in then:
        n = index.get((r["region"], r["target_id"]), {})
        out.append(
            {
                **r,
                "now_status": n.get("status"),
                "now_outcome": n.get("outcome"),
                "now_hit": n.get("hit"),
                "now_outcome_source": n.get("outcome_source"),
                "now_p_hit": n.get("p_hit"),
                "now_n_points": n.get("n_points"),
            }
        )
    return out
