"""Two site extensions of the compute API, served by the dev cloud's Nova.

Sites add their own APIs to Nova Zed the way this module does: a paste-deploy
filter in nova-api's v2.1 pipeline, placed after ``keystonecontext`` so each
request already carries its Nova context (project, roles). The filter
answers its own paths and hands every other request to Nova unchanged. It
reuses Nova's own machinery: ``wsgi.Resource`` controllers (JSON bodies,
faults as ``{"itemNotFound": {"code": 404, "message": ...}}``), JSON-schema
validation (Nova's 400 messages), oslo.policy rules registered with Nova's
enforcer, Nova's database session and the compute API.

* ``os-documents``: rows of a ``documents`` table in the Nova database.
    GET    /os-documents        200 {"document": [{"id": 1, "name": "a"}]}
    POST   /os-documents        {"id": 1, "name": "a"}   202, empty body
    GET    /os-documents/{id}   200 {"document": {"id": 1, "name": ..}}
    PUT    /os-documents/{id}   {"name": "b"}            202, empty body
    DELETE /os-documents/{id}   202, empty body (soft delete)
  Policy ``compute_extension:documents:{list,show}``: readers of their
  project (member implies reader); ``...:{create,update,delete}``: admins.
* ``POST /servers/{id}/backup_instance`` {"name": .., "description": ..}:
  an image of the server through ``compute.API().snapshot`` with the
  description as image property ``description``; 202 {"id": "<image id>"}.
  Policy ``compute_extension:backup_instance``: project members.

Every path also exists with the project id in front (``/{project_id}/...``),
like Nova's own routes. Enabled in api-paste.ini by scripts/devcloud/up:

    [filter:novash_site_ext]
    paste.filter_factory = novash_site_ext:SiteExtensions.factory

``python3 novash_site_ext.py create-table DB_URL`` creates the table
(idempotent); `up` runs it once after nova's ``db sync``.
"""

import sys

from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import models as oslo_models
from oslo_policy import policy as oslo_policy
import sqlalchemy as sa
from sqlalchemy.ext import declarative
import webob.dec
import webob.exc

from nova.api import openstack as nova_openstack
from nova.api.openstack import common
from nova.api.openstack import wsgi
from nova.api import validation
from nova.api.validation import parameter_types
from nova.api import wsgi as base_wsgi
from nova.compute import api as compute
from nova.compute import utils as compute_utils
from nova.db.main import api as db_api
from nova.db.main import models as nova_models
from nova import exception
from nova import objects
from nova import policy as nova_policy
from nova.policies import base as policy_base

# ------------------------------------------------------------------ policy

DOCUMENTS_POLICY = "compute_extension:documents:%s"
BACKUP_POLICY = "compute_extension:backup_instance"

_PROJECT_SCOPE = ["project"]


def list_rules():
    def rule(name, check, description, method, path):
        return oslo_policy.DocumentedRuleDefault(
            name=name, check_str=check, description=description,
            operations=[{"method": method, "path": path}],
            scope_types=_PROJECT_SCOPE)

    reader = policy_base.PROJECT_READER_OR_ADMIN
    return [
        rule(DOCUMENTS_POLICY % "list", reader, "List documents",
             "GET", "/os-documents"),
        rule(DOCUMENTS_POLICY % "show", reader, "Show a document",
             "GET", "/os-documents/{id}"),
        rule(DOCUMENTS_POLICY % "create", policy_base.ADMIN,
             "Create a document", "POST", "/os-documents"),
        rule(DOCUMENTS_POLICY % "update", policy_base.ADMIN,
             "Rename a document", "PUT", "/os-documents/{id}"),
        rule(DOCUMENTS_POLICY % "delete", policy_base.ADMIN,
             "Delete a document (soft delete)", "DELETE",
             "/os-documents/{id}"),
        rule(BACKUP_POLICY, policy_base.PROJECT_MEMBER_OR_ADMIN,
             "Make an image of a server with a description", "POST",
             "/servers/{server_id}/backup_instance"),
    ]


def _register_policies():
    """Registers our defaults with Nova's enforcer, now and whenever Nova
    creates a new one (nova.policy.reset() + init())."""
    if getattr(nova_policy, "_novash_site_ext", False):
        return
    original = nova_policy.register_rules

    def register_rules(enforcer):
        original(enforcer)
        enforcer.register_defaults(list_rules())

    nova_policy.register_rules = register_rules
    nova_policy._novash_site_ext = True
    if nova_policy._ENFORCER is not None:
        nova_policy._ENFORCER.register_defaults(list_rules())


# -------------------------------------------------------------- database

BASE = declarative.declarative_base()

# The id is the row's identity and the client's choice, a positive 32-bit
# integer (deleted = id marks a soft-deleted row, so 0 is not usable).
MAX_ID = 2 ** 31 - 1


class Document(BASE, nova_models.NovaBase, oslo_models.SoftDeleteMixin):
    __tablename__ = "documents"
    __table_args__ = {"mysql_engine": "InnoDB", "mysql_charset": "utf8"}
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=False)
    name = sa.Column(sa.String(45), nullable=False)


class DocumentNotFound(exception.NotFound):
    msg_fmt = "Document not found"


class DocumentExists(exception.NovaException):
    code = 409
    msg_fmt = "Document %(id)s already exists."


class DocumentIdTaken(DocumentExists):
    msg_fmt = ("Document id %(id)s belongs to a deleted document; "
               "deleted documents keep their id. Choose another id.")


def _row(doc):
    return {"id": doc.id, "name": doc.name, "created_at": doc.created_at,
            "updated_at": doc.updated_at, "deleted_at": doc.deleted_at,
            "deleted": bool(doc.deleted)}


def _query(context, read_deleted="no"):
    return db_api.model_query(context, Document, read_deleted=read_deleted)


def _get(context, doc_id):
    doc = _query(context).filter_by(id=doc_id).first()
    if doc is None:
        raise DocumentNotFound()
    return doc


@db_api.pick_context_manager_reader
def document_list(context):
    return [{"id": d.id, "name": d.name}
            for d in _query(context).order_by(Document.id).all()]


@db_api.pick_context_manager_reader
def document_get(context, doc_id):
    return _row(_get(context, doc_id))


@db_api.pick_context_manager_writer
def document_create(context, doc_id, name):
    old = _query(context, "yes").filter_by(id=doc_id).first()
    if old is not None:
        raise (DocumentIdTaken if old.deleted else DocumentExists)(id=doc_id)
    doc = Document(id=doc_id, name=name)
    try:
        doc.save(context.session)
    except db_exc.DBDuplicateEntry:
        raise DocumentExists(id=doc_id)


@db_api.pick_context_manager_writer
def document_update(context, doc_id, name):
    doc = _get(context, doc_id)
    doc.name = name
    doc.save(context.session)


@db_api.pick_context_manager_writer
def document_soft_delete(context, doc_id):
    _get(context, doc_id).soft_delete(context.session)


def create_table(db_url):
    engine = sa.create_engine(db_url)
    BASE.metadata.create_all(engine, checkfirst=True)
    engine.dispose()


# ------------------------------------------------------------- controllers

_document_name = {"type": "string", "minLength": 1, "maxLength": 45,
                  "format": "name"}

DOCUMENT_CREATE = {
    "type": "object",
    "properties": {
        "id": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        "name": _document_name,
    },
    "required": ["id", "name"],
    "additionalProperties": False,
}

DOCUMENT_UPDATE = {
    "type": "object",
    "properties": {"name": _document_name},
    "required": ["name"],
    "additionalProperties": False,
}

BACKUP_INSTANCE = {
    "type": "object",
    "properties": {
        "name": parameter_types.name,
        "description": {"type": "string", "maxLength": 255},
    },
    "required": ["name", "description"],
    "additionalProperties": False,
}


def _document_id(raw):
    """The id from the URL: a known id is a positive 32-bit integer."""
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_ID:
        raise webob.exc.HTTPNotFound(explanation=DocumentNotFound.msg_fmt)
    return int(raw)


class DocumentsController(wsgi.Controller):

    @wsgi.expected_errors(())
    def index(self, req):
        context = req.environ["nova.context"]
        context.can(DOCUMENTS_POLICY % "list",
                    target={"project_id": context.project_id})
        return {"document": document_list(context)}

    @wsgi.expected_errors(404)
    def show(self, req, id):
        context = req.environ["nova.context"]
        context.can(DOCUMENTS_POLICY % "show",
                    target={"project_id": context.project_id})
        try:
            return {"document": document_get(context, _document_id(id))}
        except DocumentNotFound as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())

    @wsgi.response(202)
    @wsgi.expected_errors((400, 409))
    @validation.schema(DOCUMENT_CREATE)
    def create(self, req, body):
        context = req.environ["nova.context"]
        context.can(DOCUMENTS_POLICY % "create",
                    target={"project_id": context.project_id})
        try:
            document_create(context, body["id"], body["name"])
        except DocumentExists as e:
            raise webob.exc.HTTPConflict(explanation=e.format_message())

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404))
    @validation.schema(DOCUMENT_UPDATE)
    def update(self, req, id, body):
        context = req.environ["nova.context"]
        context.can(DOCUMENTS_POLICY % "update",
                    target={"project_id": context.project_id})
        try:
            document_update(context, _document_id(id), body["name"])
        except DocumentNotFound as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())

    @wsgi.response(202)
    @wsgi.expected_errors(404)
    def delete(self, req, id):
        context = req.environ["nova.context"]
        context.can(DOCUMENTS_POLICY % "delete",
                    target={"project_id": context.project_id})
        try:
            document_soft_delete(context, _document_id(id))
        except DocumentNotFound as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())


class BackupInstanceController(wsgi.Controller):

    def __init__(self):
        super().__init__()
        self.compute_api = compute.API()

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @validation.schema(BACKUP_INSTANCE)
    def create(self, req, server_id, body):
        context = req.environ["nova.context"]
        instance = common.get_instance(self.compute_api, context, server_id)
        context.can(BACKUP_POLICY, target={"project_id": instance.project_id})
        name = common.normalize_name(body["name"])
        props = {"description": body["description"]}
        bdms = objects.BlockDeviceMappingList.get_by_instance_uuid(
            context, instance.uuid)
        try:
            if compute_utils.is_volume_backed_instance(context, instance,
                                                       bdms):
                image = self.compute_api.snapshot_volume_backed(
                    context, instance, name, extra_properties=props)
            else:
                image = self.compute_api.snapshot(
                    context, instance, name, extra_properties=props)
        except exception.InstanceInvalidState as e:
            common.raise_http_conflict_for_instance_invalid_state(
                e, "backup_instance", server_id)
        except exception.Invalid as e:
            raise webob.exc.HTTPBadRequest(explanation=e.format_message())
        except exception.OverQuota as e:
            raise webob.exc.HTTPForbidden(explanation=e.format_message())
        return {"id": image["id"]}


# -------------------------------------------------------------- the filter

def _routes():
    documents = wsgi.Resource(DocumentsController())
    backup = wsgi.Resource(BackupInstanceController())
    return (
        ("/os-documents", {"GET": (documents, "index"),
                           "POST": (documents, "create")}),
        ("/os-documents/{id}", {"GET": (documents, "show"),
                                "PUT": (documents, "update"),
                                "DELETE": (documents, "delete")}),
        ("/servers/{server_id}/backup_instance", {"POST": (backup, "create")}),
    )


class SiteExtensions(base_wsgi.Middleware):
    """Answers the site's paths; everything else goes on to Nova."""

    def __init__(self, application):
        super().__init__(application)
        _register_policies()
        # Nova's own mapper: each route with and without /{project_id}.
        self.map = nova_openstack.ProjectMapper()
        for path, methods in _routes():
            for method, (resource, action) in methods.items():
                self.map.create_route(path, method, resource, action)

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        match = self.map.routematch(environ=req.environ)
        if not match or not match[0]:
            return self.application
        args = dict(match[0])
        resource = args.pop("controller")
        args.pop("format", None)
        req.environ["wsgiorg.routing_args"] = ((), args)
        return resource


def main(argv):
    if len(argv) == 3 and argv[1] == "create-table":
        create_table(argv[2])
        return 0
    print("usage: novash_site_ext.py create-table DB_URL", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
