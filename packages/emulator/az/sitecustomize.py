"""Work-arounds for packaging bugs of Debian's azure-cli 2.45 (bookworm), loaded by Python at start-up when this
directory is on PYTHONPATH. Written by the uami project and used only by its Azure CLI helper and check
(`uami-emulator az`, `npm run check:az`); it changes nothing else on the machine.

Each fix is applied lazily, right after the module it concerns is imported, and only when the bug is present, so
on a fixed or newer CLI it does nothing:

1. `az role assignment create/list` fail with "'RoleAssignmentsOperations' object has no attribute 'config'"
   (upstream azure-cli #24959: the CLI 2.45 reads `client.config`, Debian's azure-mgmt-authorization names it
   `_config`). Fix: give the operation groups of azure.mgmt.authorization a read-only `config` alias.
2. `az appconfig kv ...` fail with "No module named 'azure.keyvault.key_vault_id'" (the legacy azure-keyvault
   package is not in Debian). Fix: provide that module with a small `KeyVaultIdentifier` (URI parsing only).
3. Every `az vm ...` fails with "API version 2022-11-01 does not have operation group ..." (the CLI's profile asks
   for compute 2022-11-01, Debian's azure-mgmt-compute stops at 2022-08-01), and `az vm create` with "'virtual_networks'
   is not available in API version 2022-01-01" (network 2022-01-01 is not packaged). Fix: point the profile's
   compute and network API versions that are not installed at the newest installed one below them.
"""

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types


def _installed_versions(package):
    import importlib
    import os

    try:
        pkg = importlib.import_module(package)
    except Exception:
        return []
    return sorted(
        name[1:].replace('_', '-')
        for name in os.listdir(os.path.dirname(pkg.__file__))
        if name.startswith('v20') and not name.endswith('preview')
    )


def _fallback(version, installed):
    """The newest installed API version not newer than `version` (else the oldest installed)."""
    if version in installed:
        return version
    older = [v for v in installed if v < version]
    return older[-1] if older else installed[0]


def _fix_profiles(module):
    latest = module.AZURE_API_PROFILES.get('latest', {})
    types = module.ResourceType
    for resource_type, package in ((types.MGMT_COMPUTE, 'azure.mgmt.compute'), (types.MGMT_NETWORK, 'azure.mgmt.network')):
        entry = latest.get(resource_type)
        if entry is None:
            continue
        installed = _installed_versions(package)
        if not installed:
            continue
        if isinstance(entry, str):
            if entry[:4].isdigit() and entry not in installed and not entry.endswith('preview'):
                latest[resource_type] = _fallback(entry, installed)
            continue
        for key, version in list(getattr(entry, 'profile', {}).items()):
            if isinstance(version, str) and not version.endswith('preview') and version not in installed:
                if key is None or version > installed[-1]:
                    entry.profile[key] = _fallback(version, installed)


def _fix_authorization_operations(module):
    for value in list(vars(module).values()):
        if isinstance(value, type) and value.__name__.endswith('Operations') and not hasattr(value, 'config'):
            value.config = property(lambda self: self._config)


class _KeyVaultIdentifier:
    """The part of the legacy azure-keyvault `KeyVaultIdentifier` the CLI's appconfig module uses."""

    def __init__(self, uri=None, vault=None, collection=None, name=None, version=None, version_none=True):
        from urllib.parse import urlparse

        if uri:
            parsed = urlparse(uri)
            if parsed.scheme != 'https' or not parsed.netloc:
                raise ValueError("'{}' is not a valid Key Vault identifier (https://{{vault}}/{{collection}}/{{name}}[/{{version}}])".format(uri))
            parts = [part for part in parsed.path.split('/') if part]
            if len(parts) < 2 or len(parts) > 3:
                raise ValueError("'{}' is not a valid Key Vault identifier (https://{{vault}}/{{collection}}/{{name}}[/{{version}}])".format(uri))
            vault = '{}://{}'.format(parsed.scheme, parsed.netloc)
            collection, name = parts[0], parts[1]
            version = parts[2] if len(parts) == 3 else None
        self.vault = vault
        self.collection = collection
        self.name = name
        self.version = version
        self.base_id = '{}/{}/{}'.format(vault, collection, name)
        self.id = self.base_id + ('/' + version if version else '')
        self.version_none = version_none


def _key_vault_id_module():
    module = types.ModuleType('azure.keyvault.key_vault_id')
    module.KeyVaultIdentifier = _KeyVaultIdentifier
    return module


_AFTER_IMPORT = {'azure.cli.core.profiles._shared': _fix_profiles}


def _after_import(name):
    if name in _AFTER_IMPORT:
        return _AFTER_IMPORT[name]
    if name.startswith('azure.mgmt.authorization.') and '.operations._' in name and name.endswith('_operations'):
        return _fix_authorization_operations
    return None


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, inner, patch):
        self._inner = inner
        self._patch = patch

    def create_module(self, spec):
        return self._inner.create_module(spec)

    def exec_module(self, module):
        self._inner.exec_module(module)
        try:
            self._patch(module)
        except Exception:  # a work-around must never break the CLI
            pass


class _ShimLoader(importlib.abc.Loader):
    def create_module(self, spec):
        return _key_vault_id_module()

    def exec_module(self, module):
        return None


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == 'azure.keyvault.key_vault_id':
            real = importlib.machinery.PathFinder.find_spec(name, path)
            return real or importlib.util.spec_from_loader(name, _ShimLoader())
        patch = _after_import(name)
        if patch is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _PatchingLoader(spec.loader, patch)
        return spec


sys.meta_path.insert(0, _Finder())
