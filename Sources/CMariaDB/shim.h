// MariaDB Connector/C (Debian's libmariadb-dev) installs mysql.h under mariadb/. No pkg-config here on
// purpose: linking libmariadb would load it (and its TLS libraries) into every glance-manage run;
// MySQLDriver loads it with dlopen when a MySQL URL is first used.
#include <mariadb/mysql.h>
