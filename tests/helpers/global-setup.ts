/** Says plainly, once, whether the MySQL suites run; with CI=true they must. */
export default function setup() {
  if (process.env.MYSQL_TEST_URL) {
    console.log(`[yijian] MySQL/MariaDB suites run against ${new URL(process.env.MYSQL_TEST_URL).host}`);
  } else if (process.env.CI === "true") {
    throw new Error("[yijian] CI=true but MYSQL_TEST_URL is not set: the MySQL suites must run in CI");
  } else {
    console.log(
      "[yijian] MYSQL_TEST_URL is not set: SKIPPED the MySQL/MariaDB suites; only SQLite ran. Set MYSQL_TEST_URL=mysql://root@127.0.0.1:3306/test to run them.",
    );
  }
}
