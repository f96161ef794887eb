import { describeOpenSslMatrix } from './testing/openssl-matrix';

// The matrix for GOST R 34.10-2012 with Streebog: CryptoPro-A and TC26-A (256 bit), TC26-A (512 bit). OpenSSL
// needs Debian's libengine-gost-openssl; ensureGostEngine installs it as root or fails the rows.
describeOpenSslMatrix(['gost256-cpa', 'gost256-tca', 'gost512']);
