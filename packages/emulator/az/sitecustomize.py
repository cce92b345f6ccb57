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
   for compute 2022-11-01, Debian's azure-mgmt-compute stops at 2022-08-01). Fix: lower the profile's compute
   API version to the newest one installed.
"""

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types


def _fix_profiles(module):
    try:
        import azure.mgmt.compute as compute_pkg
        import os

        installed = sorted(
            name[1:].replace('_', '-')
            for name in os.listdir(os.path.dirname(compute_pkg.__file__))
            if name.startswith('v20') and not name.endswith('preview')
        )
    except Exception:  # pragma: no cover - nothing to fix without the SDK
        return
    if not installed:
        return
    newest = installed[-1]
    latest = module.AZURE_API_PROFILES.get('latest', {})
    compute = latest.get(module.ResourceType.MGMT_COMPUTE)
    if compute is None or not hasattr(compute, 'profile'):
        return
    for key, version in list(compute.profile.items()):
        if isinstance(version, str) and version > newest and version.replace('-', '_') not in installed:
            compute.profile[key] = newest


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
