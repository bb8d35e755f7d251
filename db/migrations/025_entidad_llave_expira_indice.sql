-- The entities whose first current key expires by a date (issue 16): the MSPS queue's
-- "Por vencer" filter counted them by reading the whole queue, each request with a
-- subquery on llave (20 M instructions a page among 10,000 requests); now it reads this
-- index up to the date and each entity's current request.
CREATE INDEX entidad_llave_expira ON entidad(llave_expira);
