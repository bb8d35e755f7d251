/* The ministry administrator's home: the list of administration tasks. */
#include "pages.h"

/* GET /admin: 200. */
enum http_status
page_admin_home(struct req *r, struct resp *rs)
{
	(void)r;
	resp_page(rs, "admin_home.tpl", "Administración");
	resp_crumb(rs, "Administración", NULL);
	return HTTP_OK;
}
