"""Validation parity: a router file RedisVL rejects, Junction rejects too.

RedisVL validates with pydantic (Route, RoutingConfig in
redisvl/extensions/router/schema.py); `junction route` must exit non-zero with
a message that names the offending field.
"""
import copy
import json

import pytest
import yaml

from conftest import VECTORIZER_DICT, junction

VALID = {
    "name": "validation-parity",
    "routes": [
        {"name": "greeting", "references": ["hello", "good morning"], "metadata": {},
         "distance_threshold": 0.5},
        {"name": "billing", "references": ["refund my payment"], "metadata": {"model": "small"},
         "distance_threshold": 0.6},
    ],
    "vectorizer": VECTORIZER_DICT,
    "routing_config": {"max_k": 1, "aggregation_method": "avg"},
}


def set_route(field, value):
    def change(router):
        router["routes"][1][field] = value
    return change


def set_config(field, value):
    def change(router):
        router["routing_config"][field] = value
    return change


INVALID = {
    "blank route name": ("name", set_route("name", "  ")),
    "empty route name": ("name", set_route("name", "")),
    "empty references": ("references", set_route("references", [])),
    "threshold 0": ("distance_threshold", set_route("distance_threshold", 0)),
    "threshold 2.5": ("distance_threshold", set_route("distance_threshold", 2.5)),
    "blank reference": ("references", set_route("references", ["refund my payment", " "])),
    "threshold as text": ("distance_threshold", set_route("distance_threshold", "0.5")),
    "max_k 0": ("max_k", set_config("max_k", 0)),
    "max_k 1.5": ("max_k", set_config("max_k", 1.5)),
    "unknown aggregation": ("aggregation_method", set_config("aggregation_method", "median")),
}


def router_dict(case, name):
    router = copy.deepcopy(VALID)
    router["name"] = name
    if case is not None:
        INVALID[case][1](router)
    return router


def redisvl_load(router, redis_url):
    from redisvl.extensions.router import SemanticRouter
    return SemanticRouter.from_dict(router, redis_url=redis_url, overwrite=True)


def at_the_limits(router):
    """Valid edge values: threshold 2 (the maximum), a tiny threshold, max_k above the route count."""
    router["routes"][0]["distance_threshold"] = 2
    router["routes"][1]["distance_threshold"] = 0.001
    router["routing_config"]["max_k"] = 5


@pytest.mark.parametrize("suffix", ["yaml", "json"])
@pytest.mark.parametrize("variant", ["plain", "limits"])
def test_valid_router_loads_in_both(tmp_path, router_name, redis_url, swap_vectorizer, cleanup_routers, suffix,
                                    variant):
    """The control: without a defect, both load the same file."""
    router = router_dict(None, router_name)
    if variant == "limits":
        at_the_limits(router)
    path = tmp_path / f"router.{suffix}"
    path.write_text(yaml.safe_dump(router, sort_keys=False) if suffix == "yaml" else json.dumps(router))
    cleanup_routers.append(redisvl_load(router, redis_url))
    proc = junction("route", "--router", path, "--", "hello")
    assert json.loads(proc.stdout.splitlines()[0])["route"] == "greeting"


@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_router_rejected_by_both(tmp_path, router_name, redis_url, swap_vectorizer, case):
    import pydantic

    field, _ = INVALID[case]
    router = router_dict(case, router_name)

    with pytest.raises(pydantic.ValidationError) as rejected:
        redisvl_load(router, redis_url)
    assert field in str(rejected.value)

    for suffix in ("yaml", "json"):
        path = tmp_path / f"router.{suffix}"
        path.write_text(yaml.safe_dump(router, sort_keys=False) if suffix == "yaml" else json.dumps(router))
        proc = junction("route", "--router", path, "--", "hello", check=False)
        assert proc.returncode != 0, f"junction route accepted a router with {case} ({suffix}): {proc.stdout}"
        message = proc.stderr + proc.stdout
        assert field in message, f"{case} ({suffix}): the message does not name {field!r}:\n{message}"
