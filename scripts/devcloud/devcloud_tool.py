#!/usr/bin/python3
"""Seeding and readiness checks for the novash dev cloud (run by `up`).

  devcloud_tool.py seed-keystone
  devcloud_tool.py seed-cloud IMAGE_FILE KEY_FILE
  devcloud_tool.py seed-network
  devcloud_tool.py wait-compute SINCE_UTC TIMEOUT
  devcloud_tool.py wait-hypervisor TIMEOUT

Every seed step is idempotent: it looks before it creates. One Python
process and one Keystone login per step, instead of dozens of `openstack`
CLI runs (1.5 s each).
"""

import datetime
import os
import sys
import time

from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

KEYSTONE = "http://127.0.0.1:5000/v3"
REGION = "RegionOne"
ADMIN_PASSWORD = os.environ.get("DEVCLOUD_ADMIN_PASSWORD", "devcloud-admin")
DEMO_PASSWORD = os.environ.get("DEVCLOUD_DEMO_PASSWORD", "devcloud-demo")
SERVICE_PASSWORD = os.environ.get("DEVCLOUD_SERVICE_PASSWORD",
                                  "devcloud-service")

SERVICE_USERS = ("nova", "placement", "glance", "neutron")

# type, name, description, URL
CATALOG = (
    ("identity", "keystone", "Identity", "http://127.0.0.1:5000/v3/"),
    ("compute", "nova", "Compute", "http://127.0.0.1:8774/v2.1"),
    ("placement", "placement", "Placement", "http://127.0.0.1:8778"),
    ("image", "glance", "Image", "http://127.0.0.1:9292"),
    ("network", "neutron", "Networking", "http://127.0.0.1:9696"),
)

# id, name, ram MiB, vcpus, disk GB, public
FLAVORS = (
    ("1", "m1.tiny", 512, 1, 1, True),
    ("2", "m1.small", 2048, 1, 20, True),
    ("3", "m1.medium", 4096, 2, 40, True),
    ("4", "m1.large", 8192, 4, 80, True),
    ("100", "m1.private", 512, 1, 1, False),
)

IMAGE_NAME = "tiny-image"

# Networks (seed_network): an external network on TEST-NET-3 for floating
# IPs, and project demo's own network behind a router on it.
PUBLIC_NET = "public"
PUBLIC_SUBNET = {"name": "public-subnet", "cidr": "203.0.113.0/24",
                 "gateway_ip": "203.0.113.1", "enable_dhcp": False,
                 "allocation_pools": [{"start": "203.0.113.10",
                                       "end": "203.0.113.250"}]}
DEMO_NET = "demo-net"
DEMO_SUBNET = {"name": "demo-subnet", "cidr": "10.0.0.0/24",
               "gateway_ip": "10.0.0.1", "enable_dhcp": True}
DEMO_ROUTER = "demo-router"
KEYPAIR_NAME = "demo-key"


def log(msg):
    print("devcloud: " + msg, flush=True)


def session(user, password, project):
    auth = v3.Password(auth_url=KEYSTONE, username=user, password=password,
                       project_name=project, user_domain_name="Default",
                       project_domain_name="Default")
    return ks_session.Session(auth=auth, timeout=60)


def admin_session():
    return session("admin", ADMIN_PASSWORD, "admin")


class Api:
    """Tiny JSON helper over a keystoneauth session for one service."""

    def __init__(self, sess, service_type, headers=None):
        self.sess = sess
        self.filter = {"service_type": service_type, "interface": "public",
                       "region_name": REGION}
        self.headers = headers or {}

    def call(self, method, path, body=None, ok=(200, 201, 202, 204),
             **kw):
        headers = dict(self.headers)
        headers.update(kw.pop("headers", {}))
        r = self.sess.request(path, method, endpoint_filter=self.filter,
                              json=body, headers=headers, raise_exc=False,
                              **kw)
        if r.status_code not in ok:
            raise RuntimeError("%s %s -> HTTP %s: %s" % (
                method, path, r.status_code, r.text[:500]))
        return r

    def json(self, method, path, body=None, **kw):
        r = self.call(method, path, body, **kw)
        return r.json() if r.content else {}


class Identity:
    def __init__(self, sess):
        self.sess = sess

    def req(self, method, path, body=None, ok=(200, 201, 204)):
        r = self.sess.request(KEYSTONE + path, method, json=body,
                              raise_exc=False)
        if r.status_code not in ok:
            raise RuntimeError("%s %s -> HTTP %s: %s" % (
                method, path, r.status_code, r.text[:500]))
        return r.json() if r.content else {}

    def find(self, collection, key, **query):
        q = "&".join("%s=%s" % kv for kv in query.items())
        items = self.req("GET", "/%s?%s" % (collection, q))[collection]
        return items[0] if items else None

    def ensure(self, collection, key, query, body):
        found = self.find(collection, key, **query)
        if found:
            return found
        log("creating %s %s" % (key, body.get("name", body.get("id"))))
        return self.req("POST", "/" + collection, {key: body})[key]


def seed_keystone():
    ident = Identity(admin_session())
    if not any(r["id"] == REGION
               for r in ident.req("GET", "/regions")["regions"]):
        ident.req("POST", "/regions", {"region": {"id": REGION}})

    projects = {}
    for name, desc in (("admin", "Bootstrap project for initializing the "
                        "cloud."), ("service", "Service users"),
                       ("demo", "Demo project (member role only)")):
        projects[name] = ident.ensure(
            "projects", "project", {"name": name, "domain_id": "default"},
            {"name": name, "domain_id": "default", "description": desc,
             "enabled": True})["id"]

    roles = {}
    for name in ("admin", "member", "reader"):
        roles[name] = ident.ensure("roles", "role", {"name": name},
                                   {"name": name})["id"]

    def user(name, password, project):
        return ident.ensure(
            "users", "user", {"name": name, "domain_id": "default"},
            {"name": name, "domain_id": "default", "password": password,
             "enabled": True, "default_project_id": projects[project]})["id"]

    def grant(project, user_id, role):
        ident.req("PUT", "/projects/%s/users/%s/roles/%s" % (
            projects[project], user_id, roles[role]))

    admin_id = ident.find("users", "user", name="admin",
                          domain_id="default")["id"]
    grant("admin", admin_id, "admin")
    for name in SERVICE_USERS:
        grant("service", user(name, SERVICE_PASSWORD, "service"), "admin")
    grant("demo", user("demo", DEMO_PASSWORD, "demo"), "member")

    for stype, name, desc, url in CATALOG:
        svc = ident.ensure("services", "service", {"type": stype},
                           {"type": stype, "name": name,
                            "description": desc, "enabled": True})
        for interface in ("public", "internal", "admin"):
            eps = ident.req("GET", "/endpoints?service_id=%s&interface=%s"
                            % (svc["id"], interface))["endpoints"]
            eps = [e for e in eps if e.get("region_id") == REGION]
            if not eps:
                log("creating %s endpoint %s %s" % (stype, interface, url))
                ident.req("POST", "/endpoints", {"endpoint": {
                    "service_id": svc["id"], "interface": interface,
                    "url": url, "region_id": REGION, "enabled": True}})
            elif eps[0]["url"] != url:
                ident.req("PATCH", "/endpoints/%s" % eps[0]["id"],
                          {"endpoint": {"url": url}})
    log("keystone seeded (projects, roles, users, catalog)")


def seed_cloud(image_file, key_file):
    admin = admin_session()
    ident = Identity(admin)
    demo_project = ident.find("projects", "project", name="demo",
                              domain_id="default")["id"]
    nova = Api(admin, "compute")
    for fid, name, ram, vcpus, disk, public in FLAVORS:
        r = nova.call("GET", "/flavors/%s" % fid, ok=(200, 404))
        if r.status_code == 404:
            log("creating flavor %s %s" % (fid, name))
            nova.call("POST", "/flavors", {"flavor": {
                "id": fid, "name": name, "ram": ram, "vcpus": vcpus,
                "disk": disk, "os-flavor-access:is_public": public}})
        if not public:
            access = nova.json("GET", "/flavors/%s/os-flavor-access" % fid)
            if not any(a["tenant_id"] == demo_project
                       for a in access["flavor_access"]):
                nova.call("POST", "/flavors/%s/action" % fid,
                          {"addTenantAccess": {"tenant": demo_project}})

    glance = Api(admin, "image")
    images = glance.json("GET", "/v2/images?name=%s" % IMAGE_NAME)["images"]
    active = [i for i in images if i["status"] == "active"]
    for img in images:
        if img["status"] != "active":
            glance.call("DELETE", "/v2/images/%s" % img["id"])
    if not active:
        log("uploading image %s" % IMAGE_NAME)
        img = glance.json("POST", "/v2/images", {
            "name": IMAGE_NAME, "disk_format": "qcow2",
            "container_format": "bare", "visibility": "public"})
        with open(image_file, "rb") as f:
            glance.call("PUT", "/v2/images/%s/file" % img["id"], data=f,
                        headers={"Content-Type": "application/octet-stream"})

    demo = Api(session("demo", DEMO_PASSWORD, "demo"), "compute")
    r = demo.call("GET", "/os-keypairs/%s" % KEYPAIR_NAME, ok=(200, 404))
    if r.status_code == 404:
        log("creating key pair %s for user demo" % KEYPAIR_NAME)
        kp = demo.json("POST", "/os-keypairs",
                       {"keypair": {"name": KEYPAIR_NAME}})["keypair"]
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(kp["private_key"])
    log("flavors, image %s and key pair %s in place"
        % (IMAGE_NAME, KEYPAIR_NAME))


def _one(items, what):
    if len(items) > 1:
        raise RuntimeError("more than one %s: %s" % (
            what, ", ".join(i["id"] for i in items)))
    return items[0] if items else None


def _ensure_subnet(neutron, network, spec):
    found = _one(neutron.json("GET", "/v2.0/subnets?network_id=%s&name=%s"
                              % (network["id"], spec["name"]))["subnets"],
                 "subnet " + spec["name"])
    if found:
        return found
    log("creating subnet %s %s" % (spec["name"], spec["cidr"]))
    body = dict(spec, network_id=network["id"], ip_version=4)
    return neutron.json("POST", "/v2.0/subnets", {"subnet": body})["subnet"]


def seed_network():
    """public (external, flat, admin's), demo-net and demo-router (demo's).

    Each one is looked up by name in its project and created only when
    missing, so `up` adds them to a cloud seeded before networks existed.
    """
    admin = Api(admin_session(), "network")
    nets = admin.json("GET", "/v2.0/networks?name=%s&router:external=true"
                      % PUBLIC_NET)["networks"]
    public = _one(nets, "external network " + PUBLIC_NET)
    if not public:
        log("creating external network %s" % PUBLIC_NET)
        public = admin.json("POST", "/v2.0/networks", {"network": {
            "name": PUBLIC_NET, "router:external": True,
            "provider:network_type": "flat",
            "provider:physical_network": PUBLIC_NET}})["network"]
    _ensure_subnet(admin, public, PUBLIC_SUBNET)

    demo_sess = session("demo", DEMO_PASSWORD, "demo")
    project = demo_sess.get_project_id()
    demo = Api(demo_sess, "network")
    net = _one(demo.json("GET", "/v2.0/networks?name=%s&project_id=%s"
                         % (DEMO_NET, project))["networks"],
               "network " + DEMO_NET)
    if not net:
        log("creating network %s (project demo)" % DEMO_NET)
        net = demo.json("POST", "/v2.0/networks",
                        {"network": {"name": DEMO_NET}})["network"]
    subnet = _ensure_subnet(demo, net, DEMO_SUBNET)

    router = _one(demo.json("GET", "/v2.0/routers?name=%s&project_id=%s"
                            % (DEMO_ROUTER, project))["routers"],
                  "router " + DEMO_ROUTER)
    gateway = {"network_id": public["id"]}
    if not router:
        log("creating router %s (gateway on %s)" % (DEMO_ROUTER, PUBLIC_NET))
        router = demo.json("POST", "/v2.0/routers", {"router": {
            "name": DEMO_ROUTER,
            "external_gateway_info": gateway}})["router"]
    elif not router.get("external_gateway_info"):
        log("setting the gateway of router %s" % DEMO_ROUTER)
        demo.call("PUT", "/v2.0/routers/%s" % router["id"],
                  {"router": {"external_gateway_info": gateway}})
    ports = demo.json("GET", "/v2.0/ports?device_id=%s"
                      % router["id"])["ports"]
    if not any(ip["subnet_id"] == subnet["id"]
               for p in ports for ip in p["fixed_ips"]):
        log("adding %s to router %s" % (DEMO_SUBNET["name"], DEMO_ROUTER))
        demo.call("PUT", "/v2.0/routers/%s/add_router_interface"
                  % router["id"], {"subnet_id": subnet["id"]})
    log("networks %s, %s and router %s in place"
        % (PUBLIC_NET, DEMO_NET, DEMO_ROUTER))


def _poll(timeout, check, what):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            if check():
                return 0
        except (ks_exc.ClientException, RuntimeError, KeyError) as e:
            last = e
        time.sleep(0.5)
    print("devcloud: timed out waiting for %s (%s)" % (what, last),
          file=sys.stderr)
    return 1


def wait_compute(since, timeout):
    since = datetime.datetime.strptime(since, "%Y-%m-%d %H:%M:%S")
    nova = Api(admin_session(), "compute")

    def check():
        svcs = nova.json("GET", "/os-services?binary=nova-compute")
        for s in svcs["services"]:
            ts = s.get("updated_at")
            if not ts or s.get("state") != "up":
                continue
            ts = datetime.datetime.strptime(ts[:19], "%Y-%m-%dT%H:%M:%S")
            if ts >= since:
                return True
        return False
    return _poll(timeout, check, "a nova-compute heartbeat")


def wait_hypervisor(timeout):
    nova = Api(admin_session(), "compute")

    def check():
        hvs = nova.json("GET", "/os-hypervisors")["hypervisors"]
        return any(h.get("state") == "up" for h in hvs)
    return _poll(timeout, check, "the hypervisor to be listed")


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv[1]
    if cmd == "seed-keystone":
        seed_keystone()
    elif cmd == "seed-cloud":
        seed_cloud(argv[2], argv[3])
    elif cmd == "seed-network":
        seed_network()
    elif cmd == "wait-compute":
        return wait_compute(argv[2], float(argv[3]))
    elif cmd == "wait-hypervisor":
        return wait_hypervisor(float(argv[2]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
