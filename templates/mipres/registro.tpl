{{%AUTOESCAPE context="HTML"}}
<h1>{{PASO}}</h1>
{{#REGISTRADO}}<p class="exito" role="status" data-k="resultado">El registro quedó guardado.</p>{{/REGISTRADO}}
{{#ANULADO_OK}}<p class="exito" role="status" data-k="resultado">El registro quedó anulado; el paso anterior vuelve a quedar Activo.</p>{{/ANULADO_OK}}
{{>REGISTRO}}
{{#LINEA}}{{>LINEA_DATOS}}
<p><a href="{{LISTA}}" data-k="enlace_lista">Ver los direccionamientos de la prescripción {{PRESC}}</a> · <a href="/mipres">Volver a MIPRES</a></p>{{/LINEA}}
{{#SIGUIENTE}}<p><a class="button primary" href="{{HREF}}" data-k="enlace_siguiente">{{TEXTO}}</a></p>{{/SIGUIENTE}}
{{#ANULAR}}<p><a class="button" href="{{HREF}}" data-k="enlace_anular">Anular este registro</a></p>{{/ANULAR}}
