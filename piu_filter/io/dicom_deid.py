"""DICOM header de-identification along PS3.15 Annex E, the Basic Application Level Confidentiality Profile.

The profile's table of attributes and actions (dummy, zero, remove, replace UID) is dicom-anonymizer's
(its copy of Table E.1-1, edition 2026c), applied to the data set and to every item of every sequence in
it; private attributes are removed. UIDs are replaced consistently within a run: the new UID is `2.25.`
and a name-based UUID (version 5) of the run's salt and the old UID, so that a study's instances still
refer to one another. Options of the profile (PS3.15 E.3) keep what they name: `retain_uids`, `retain_device_identity`.
The data set then says what was done: Patient Identity Removed YES, the method and its codes.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydicom import Dataset

TABLE_EDITION = "dicomfields_2026c"
METHOD = "PS3.15 E.1-1 Basic Profile (piu-filter)"  # LO: 64 characters at most per value
# PS3.16 CID 7050 codes: the basic profile and each option (DCM coding scheme)
CODES = {"basic": ("113100", "Basic Application Confidentiality Profile"),
         "retain_uids": ("113110", "Retain UIDs Option"),
         "retain_device_identity": ("113109", "Retain Device Identity Option")}
_DEVICE_TAGS = ((0x0018, 0x1000), (0x0008, 0x1010), (0x0018, 0x1002), (0x0018, 0x1004), (0x0018, 0x1005),
                (0x0018, 0x1007), (0x0018, 0x1008), (0x0018, 0x700A))  # serial number, station, device UID, IDs


def deidentify(dataset: "Dataset", salt: str, options: list[str] | tuple[str, ...] = ()) -> None:
    """De-identify `dataset` in place along the basic profile with `options`, UIDs replaced with `salt`."""
    from dicomanonymizer.simpledicomanonymizer import anonymize_dataset

    rules = _rules(salt, options)
    anonymize_dataset(dataset, rules, delete_private_tags=True, base_rules_gen=lambda: dict(rules))
    _each_item(dataset, lambda item: anonymize_dataset(item, rules, delete_private_tags=True,
                                                       base_rules_gen=lambda: dict(rules)))
    dataset.PatientIdentityRemoved = "YES"
    dataset.DeidentificationMethod = [METHOD, *options] if options else METHOD
    dataset.DeidentificationMethodCodeSequence = [_code(*CODES[name]) for name in ("basic", *options)]


def _rules(salt: str, options: list[str] | tuple[str, ...]) -> dict:
    """The table's action for each tag, UIDs replaced with the salt, the options' tags kept."""
    from dicomanonymizer.dicomfields_selector import dicom_anonymization_database_selector
    from dicomanonymizer.simpledicomanonymizer import initialize_actions, keep

    tables = dicom_anonymization_database_selector(TABLE_EDITION)
    rules = initialize_actions(TABLE_EDITION)
    uid_tags = [*tables["U_TAGS"], *tables["X_Z_U_STAR_TAGS"]]
    replace_uid = _salted_uid_action(salt)
    rules.update({tag: keep if "retain_uids" in options else replace_uid for tag in uid_tags})
    if "retain_device_identity" in options:
        rules.update({tag: keep for tag in _DEVICE_TAGS})
    return rules


def _salted_uid_action(salt: str):
    def replace_uid(dataset: "Dataset", tag: tuple[int, int]) -> None:
        element = dataset.get(tag)
        if element is None:
            return
        if element.VR != "UI":
            element.value = None
        elif element.value:
            values = element.value if element.VM > 1 else [element.value]
            new = [f"2.25.{uuid.uuid5(uuid.NAMESPACE_OID, f'{salt}:{value}').int}" for value in values]
            element.value = new if element.VM > 1 else new[0]

    return replace_uid


def _each_item(dataset: "Dataset", apply) -> None:
    """`apply` to every item of every sequence, depth first."""
    for element in list(dataset):
        if element.VR == "SQ":
            for item in element.value:
                apply(item)
                _each_item(item, apply)


def _code(value: str, meaning: str) -> "Dataset":
    from pydicom import Dataset

    code = Dataset()
    code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = value, "DCM", meaning
    return code
