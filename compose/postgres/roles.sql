-- Each service's own database role, owning only its schema: meshmall_<service> logs in with the password in
-- MESHMALL_<SERVICE>_DB_PASSWORD, may connect and create its schema (its Flyway does, at start), and gets no grant
-- on another service's schema; nobody creates in public. The administrative step of the platform's DatabaseRoles
-- (services/platform/src/main/java/dev/meshmall/platform/db/DatabaseRoles.java), whose function is copied below
-- verbatim (deploy-check fails when the two differ), as psql runs it: as the superuser, in the meshmall database.
--
-- Postgres runs it at its first start (an empty data volume) from /docker-entrypoint-initdb.d: compose mounts this
-- file there, the dev overlay ships it as the postgres-init ConfigMap. On a database that already exists (one made
-- before the services had roles, or production) run it by hand, with the passwords in the environment:
--   psql "postgresql://postgres@<host>:5432/meshmall" -f compose/postgres/roles.sql
-- It can run again: it resets the passwords, and hands a schema of the old shared role (meshmall) to its service.
\set ON_ERROR_STOP on
\getenv auth_password MESHMALL_AUTH_DB_PASSWORD
\getenv user_password MESHMALL_USER_DB_PASSWORD
\getenv product_password MESHMALL_PRODUCT_DB_PASSWORD
\getenv cart_password MESHMALL_CART_DB_PASSWORD
\getenv order_password MESHMALL_ORDER_DB_PASSWORD
\getenv payment_password MESHMALL_PAYMENT_DB_PASSWORD
\getenv checkout_password MESHMALL_CHECKOUT_DB_PASSWORD
\o /dev/null

CREATE OR REPLACE FUNCTION pg_temp.meshmall_service_role(member text, secret text, owned text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    object record;
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = member) THEN
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', member, secret);
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', member, secret);
    END IF;
    EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO %I', current_database(), member);
    IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'public') THEN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    END IF;
    IF EXISTS (SELECT FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner
               WHERE n.nspname = owned AND r.rolname <> member) THEN
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', owned, member);
        FOR object IN
            SELECT c.oid::regclass AS name, CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                   WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = owned AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
        LOOP
            EXECUTE format('ALTER %s %s OWNER TO %I', object.kind, object.name, member);
        END LOOP;
        FOR object IN
            SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = owned
        LOOP
            EXECUTE format('ALTER ROUTINE %s OWNER TO %I', object.name, member);
        END LOOP;
    END IF;
END
$$;

-- a syntax error at :'<service>_password' means that MESHMALL_<SERVICE>_DB_PASSWORD is not set
SELECT pg_temp.meshmall_service_role('meshmall_auth', :'auth_password', 'auth');
SELECT pg_temp.meshmall_service_role('meshmall_user', :'user_password', 'users');
SELECT pg_temp.meshmall_service_role('meshmall_product', :'product_password', 'catalog');
SELECT pg_temp.meshmall_service_role('meshmall_cart', :'cart_password', 'cart');
SELECT pg_temp.meshmall_service_role('meshmall_order', :'order_password', 'orders');
SELECT pg_temp.meshmall_service_role('meshmall_payment', :'payment_password', 'payments');
SELECT pg_temp.meshmall_service_role('meshmall_checkout', :'checkout_password', 'checkout');
\o
\echo meshmall: each service has its database role
