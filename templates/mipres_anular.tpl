{{%AUTOESCAPE context="HTML"}}
<h1>Anular registro</h1>
{{#ERROR}}<p class="alert" role="alert" data-k="error_general">{{TEXTO}}</p>{{/ERROR}}
<p>Va a anular este registro. <strong>Esta acción no se puede deshacer; el paso anterior vuelve a quedar Activo.</strong></p>
{{>REGISTRO}}
{{#LINEA}}{{>LINEA_DATOS}}{{/LINEA}}
<form method="post" action="{{ACCION}}" class="card">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="actions"><button type="submit" class="button primary">Confirmar la anulación</button> <a class="button" href="/mipres">Cancelar</a></div>
</form>
