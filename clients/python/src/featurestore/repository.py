"""A feature repository folder: ``featurestore.yaml`` plus definition files.

Every other ``*.yaml`` / ``*.yml`` file of the folder (recursively, hidden folders skipped, sorted by path) holds any
of the five lists of a definition document (``entities``, ``data_sources``, ``feature_views``,
``on_demand_feature_views``, ``feature_services``). The repository is their concatenation: one definition document,
each list holding the objects of every file in file order, which is what the registry's apply takes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional

import yaml

from .config import CONFIG_FILE_NAME
from .errors import FieldError, InvalidRequestError

__all__ = ["SECTIONS", "KINDS", "DefinitionDocument", "load_repository", "document_from"]

SECTIONS = ("entities", "data_sources", "feature_views", "on_demand_feature_views", "feature_services")
# section (plural, in URLs and documents) -> kind (singular, in plans and events)
KINDS = {
    "entities": "entity",
    "data_sources": "data_source",
    "feature_views": "feature_view",
    "on_demand_feature_views": "on_demand_feature_view",
    "feature_services": "feature_service",
}
_INDEXED_PATH = re.compile(r"^(?P<section>[a-z_]+)\[(?P<index>\d+)\](?P<rest>.*)$")
_NAMED_PATH = re.compile(r"^(?P<section>[a-z_]+)\.(?P<name>[a-z][a-z0-9_]*)(?P<rest>.*)$")


@dataclass(frozen=True)
class DefinitionDocument:
    """One definition document and where each of its objects comes from.

    Attributes:
        document: the five lists (only those that hold objects), as the registry's apply takes them.
        origins: ``(section, index in the document)`` -> ``(file, index in the file)``.
        root: the repository folder, or ``None`` for a document given in code.
    """

    document: Mapping[str, list]
    origins: Mapping[tuple[str, int], tuple[str, int]] = field(default_factory=dict)
    root: Optional[Path] = None

    def to_yaml(self) -> str:
        """The document as one YAML document (``application/yaml``)."""
        return yaml.safe_dump(dict(self.document), sort_keys=False, allow_unicode=True, default_flow_style=False)

    def object_names(self) -> dict[str, list[str]]:
        """The names of the document's objects, by section."""
        return {
            section: [item.get("name") for item in items if isinstance(item, Mapping)]
            for section, items in self.document.items()
        }

    def locate(self, path: str) -> Optional[str]:
        """Where an error path of the registry comes from in the repository's files.

        ``feature_views[3].schema[1].dtype`` (a position in the concatenated document) and
        ``feature_views.driver_hourly.schema.trips_today.dtype`` (an object by name, as in breaking changes) both
        become ``driver_features.yaml: feature_views[1]...``; ``None`` when the path names no object of a file.
        """
        if not self.origins:
            return None
        match = _INDEXED_PATH.match(path)
        if match and match.group("section") in SECTIONS:
            origin = self.origins.get((match.group("section"), int(match.group("index"))))
            if origin is not None:
                return f"{origin[0]}: {match.group('section')}[{origin[1]}]{match.group('rest')}"
        match = _NAMED_PATH.match(path)
        if match and match.group("section") in SECTIONS:
            items = self.document.get(match.group("section"), [])
            for index, item in enumerate(items):
                if isinstance(item, Mapping) and item.get("name") == match.group("name"):
                    origin = self.origins.get((match.group("section"), index))
                    if origin is not None:
                        return f"{origin[0]}: {match.group('section')}[{origin[1]}] ({match.group('name')}){match.group('rest')}"
        return None


def load_repository(root: Path) -> DefinitionDocument:
    """Reads every definition file of the repository folder ``root`` into one document.

    Raises:
        InvalidRequestError: naming every unreadable file, misplaced key or duplicate key, with its file and line.
    """
    if not root.is_dir():
        raise InvalidRequestError(f"repo_path: {root} is not a folder")
    merged: dict[str, list] = {section: [] for section in SECTIONS}
    origins: dict[tuple[str, int], tuple[str, int]] = {}
    problems: list[FieldError] = []
    for file in _definition_files(root):
        relative = file.relative_to(root).as_posix()
        try:
            documents = list(yaml.load_all(file.read_text(encoding="utf-8"), Loader=_StrictLoader))
        except yaml.MarkedYAMLError as error:
            line = error.problem_mark.line + 1 if error.problem_mark is not None else 0
            problems.append(FieldError(relative, f"line {line}: {error.problem or error}"))
            continue
        except (yaml.YAMLError, OSError, UnicodeDecodeError) as error:
            problems.append(FieldError(relative, str(error)))
            continue
        counters = {section: 0 for section in SECTIONS}
        for content in documents:
            if content is None:
                continue
            if not isinstance(content, dict):
                problems.append(FieldError(relative, f"expected a mapping of {', '.join(SECTIONS)}"))
                continue
            for key, value in content.items():
                if key not in SECTIONS:
                    expected = ", ".join(SECTIONS)
                    problems.append(FieldError(relative, f"unknown top-level key '{key}' (expected one of {expected})"))
                elif not isinstance(value, list):
                    problems.append(FieldError(relative, f"{key} must be a list"))
                else:
                    for item in value:
                        origins[(key, len(merged[key]))] = (relative, counters[key])
                        counters[key] += 1
                        merged[key].append(item)
    if problems:
        raise InvalidRequestError(
            f"The feature repository {root} cannot be read: {len(problems)} problem(s)",
            errors=problems,
        )
    document = {section: items for section, items in merged.items() if items}
    if not document:
        raise InvalidRequestError(
            f"The feature repository {root} holds no definitions: add *.yaml files with "
            f"{', '.join(SECTIONS)} next to {CONFIG_FILE_NAME}"
        )
    return DefinitionDocument(document, origins, root)


def document_from(value: Any) -> DefinitionDocument:
    """A document given in code: a mapping of the five lists, or its YAML/JSON text.

    Raises:
        InvalidRequestError: when it is neither, or names an unknown list.
    """
    if isinstance(value, DefinitionDocument):
        return value
    if isinstance(value, (str, bytes)):
        try:
            value = yaml.load(value, Loader=_StrictLoader)
        except yaml.YAMLError as error:
            raise InvalidRequestError(f"document: not valid YAML or JSON: {error}") from error
    if not isinstance(value, Mapping):
        raise InvalidRequestError(
            f"document: expected a mapping of {', '.join(SECTIONS)} (or its YAML text), not {type(value).__name__}"
        )
    unknown = [key for key in value if key not in SECTIONS]
    if unknown:
        raise InvalidRequestError(
            f"document: unknown top-level key(s) {', '.join(map(str, unknown))} (expected {', '.join(SECTIONS)})",
            errors=[FieldError(f"document.{key}", "unknown top-level key") for key in unknown],
        )
    return DefinitionDocument({key: list(items) for key, items in value.items() if items})


def _definition_files(root: Path) -> list[Path]:
    files = []
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if not path.is_file() or path.suffix not in (".yaml", ".yml"):
            continue
        if relative.as_posix() in (CONFIG_FILE_NAME, "featurestore.yml"):
            continue
        files.append(path)
    return sorted(files, key=lambda path: path.relative_to(root).as_posix())


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML that refuses duplicate keys, as the registry does."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    mapping = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, f"found duplicate key '{key}'", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
